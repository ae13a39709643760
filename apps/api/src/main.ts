import 'reflect-metadata';
import { runHttpApp } from '@kd/platform';
import { apiConfigSchema } from './api.config.js';
import { ApiModule } from './api.module.js';
import { jsonBodiesOnly } from './rest/json-only.middleware.js';

runHttpApp({
  service: 'api',
  schema: apiConfigSchema,
  module: (config, logger) => ApiModule.forRoot(config, logger),
  // Raw bytes for the Discord and Kaltura signatures; Kaltura's whatever its Content-Type says.
  http: (config) => ({
    rawBody: true,
    bodyLimit: config.HTTP_BODY_LIMIT,
    rawBodyRoutes: ['/webhooks/kaltura'],
  }),
  configure: (app) => app.use('/api/v1', jsonBodiesOnly()),
});
