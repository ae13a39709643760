import 'reflect-metadata';
import { runHttpApp } from '@kd/platform';
import { projectorConfigSchema } from './projector.config.js';
import { ProjectorModule } from './projector.module.js';
import { ProjectorService } from './projector.service.js';

runHttpApp({
  service: 'projector',
  schema: projectorConfigSchema,
  module: (config, logger) => ProjectorModule.forRoot(config, logger),
  async started(app, _config, logger) {
    const transport = await app.get(ProjectorService).createTransport();
    if (!transport) {
      logger.info('stopped while standing by');
      return;
    }
    app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    logger.info('projections running');
  },
});
