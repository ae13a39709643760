import type { IncomingMessage } from 'node:http';
import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  SimFaults,
  faultSettingsSchema,
  type FaultSettings,
} from '../faults/sim-faults.service.js';
import { SimStats } from '../faults/sim-stats.service.js';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { RoomStore } from '../state/room-store.service.js';
import { UserStore } from '../state/user-store.service.js';
import { controlBody } from './control-body.js';

/** Test and demo controls. Never expose the sim beyond a development network. */
@Controller('__sim')
export class SimControlController {
  constructor(
    @Inject(SIM_CONFIG) private readonly config: KalturaSimConfig,
    private readonly faults: SimFaults,
    private readonly stats: SimStats,
    private readonly rooms: RoomStore,
    private readonly users: UserStore,
  ) {}

  @Get('faults')
  current(): FaultSettings {
    return this.faults.current();
  }

  @Post('faults')
  @HttpCode(200)
  async update(@Req() req: IncomingMessage): Promise<FaultSettings> {
    return this.faults.update(await controlBody(req, faultSettingsSchema.partial()));
  }

  /** Faults back to the configured defaults and request counts to zero (rooms and media stay). */
  @Post('reset')
  @HttpCode(200)
  reset(): { faults: FaultSettings } {
    this.stats.reset();
    return { faults: this.faults.reset() };
  }

  @Get('state')
  state() {
    return {
      partnerId: this.config.KALTURA_PARTNER_ID,
      faults: this.faults.current(),
      requests: this.stats.snapshot(),
      rooms: this.rooms.all(),
      users: this.users.all(),
    };
  }
}
