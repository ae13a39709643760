import { Inject, Injectable } from '@nestjs/common';
import type { ActionTable, SimAction } from '../api/sim-action.js';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { MediaCatalog } from '../state/media-catalog.service.js';
import { AppTokenStore } from '../state/app-token-store.service.js';
import { RoomStore } from '../state/room-store.service.js';
import { appTokenActions } from './app-token.actions.js';
import { esearchActions } from './esearch.actions.js';
import { mediaActions } from './media.actions.js';
import { scheduleResourceActions } from './schedule-resource.actions.js';
import { sessionActions } from './session.actions.js';
import { UserStore } from '../state/user-store.service.js';
import { userActions } from './user.actions.js';

/** The services and actions the sim implements (names compared in lower case, as Kaltura does). */
@Injectable()
export class ActionCatalog {
  private readonly table: ActionTable;

  constructor(
    @Inject(SIM_CONFIG) config: KalturaSimConfig,
    rooms: RoomStore,
    catalog: MediaCatalog,
    appTokens: AppTokenStore,
    users: UserStore,
  ) {
    this.table = {
      session: sessionActions(config),
      apptoken: appTokenActions(config, appTokens),
      schedule_scheduleresource: scheduleResourceActions(rooms),
      media: mediaActions(catalog),
      elasticsearch_esearch: esearchActions(catalog),
      user: userActions(users),
    };
  }

  hasService(service: string): boolean {
    return service.toLowerCase() in this.table;
  }

  find(service: string, action: string): SimAction | undefined {
    return this.table[service.toLowerCase()]?.[action.toLowerCase()];
  }
}
