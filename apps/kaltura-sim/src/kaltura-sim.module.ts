import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { ActionCatalog } from './actions/action-catalog.service.js';
import { ApiController } from './api/api.controller.js';
import { ApiDispatcher } from './api/api-dispatcher.service.js';
import { SimControlController } from './control/sim-control.controller.js';
import { SimFaults } from './faults/sim-faults.service.js';
import { SimStats } from './faults/sim-stats.service.js';
import { SIM_CONFIG, SIM_LOGGER, type KalturaSimConfig } from './kaltura-sim.config.js';
import { NotificationService } from './notifications/notification.service.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { NotifyScheduler } from './notifications/notify-scheduler.service.js';
import { MediaCatalog } from './state/media-catalog.service.js';
import { AppTokenStore } from './state/app-token-store.service.js';
import { RoomStore } from './state/room-store.service.js';
import { UserStore } from './state/user-store.service.js';

@Module({})
export class KalturaSimModule {
  static forRoot(config: KalturaSimConfig, logger: Logger): DynamicModule {
    return {
      module: KalturaSimModule,
      controllers: [ApiController, SimControlController, NotificationsController],
      providers: [
        { provide: SIM_CONFIG, useValue: config },
        { provide: SIM_LOGGER, useValue: logger },
        RoomStore,
        UserStore,
        AppTokenStore,
        MediaCatalog,
        ActionCatalog,
        SimFaults,
        SimStats,
        ApiDispatcher,
        NotificationService,
        NotifyScheduler,
      ],
    };
  }
}
