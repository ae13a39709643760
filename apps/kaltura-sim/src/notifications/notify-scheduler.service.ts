import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from '@kd/observability';
import { SIM_CONFIG, SIM_LOGGER, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { RoomStore, type RoomPhase } from '../state/room-store.service.js';
import type { NotificationKind } from './http-notification.builder.js';
import { NotificationService } from './notification.service.js';

const nextKind: Partial<Record<RoomPhase, NotificationKind>> = {
  created: 'room_live_start',
  live: 'room_live_stop',
  ended: 'recording_ready',
};

/** Demo mode (KALTURA_SIM_NOTIFY_EVERY_MS): walks the oldest unfinished room through live → ended → recorded. */
@Injectable()
export class NotifyScheduler implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(SIM_CONFIG) private readonly config: KalturaSimConfig,
    @Inject(SIM_LOGGER) private readonly logger: Logger,
    private readonly rooms: RoomStore,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    const every = this.config.KALTURA_SIM_NOTIFY_EVERY_MS;
    if (every <= 0 || !this.config.KALTURA_SIM_WEBHOOK_URL) return;
    this.timer = setInterval(() => void this.tick(), every);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    const room = this.rooms.all().find((r) => nextKind[r.phase] !== undefined);
    const kind = room && nextKind[room.phase];
    if (!room || !kind) return;
    try {
      await this.notifications.notify({ kind, resourceId: String(room.id) });
    } catch (error) {
      this.logger.warn({ err: error, resourceId: room.id, kind }, 'scheduled notification failed');
    }
  }
}
