import { Inject, Injectable } from '@nestjs/common';
import type { KalturaHashAlgo } from '@kd/kaltura';
import type { Logger } from '@kd/observability';
import { SimControlError } from '../control/sim-control-error.js';
import { SIM_CONFIG, SIM_LOGGER, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { MediaCatalog } from '../state/media-catalog.service.js';
import { RoomStore, type Room } from '../state/room-store.service.js';
import {
  httpNotification,
  roomLiveEntry,
  signedRequest,
  type NotificationFormat,
  type NotificationKind,
} from './http-notification.builder.js';

export interface NotifyRequest {
  kind: NotificationKind;
  resourceId: string;
  format?: NotificationFormat;
  algo?: KalturaHashAlgo;
  url?: string;
  secret?: string;
}

export interface NotifyResult {
  jobId: number;
  url: string;
  status: number | null;
  delivered: boolean;
  error?: string;
  notification: ReturnType<typeof httpNotification>;
}

/** Emits signed HTTP notifications about rooms, as Kaltura's event-notification templates do. */
@Injectable()
export class NotificationService {
  // Job ids only grow, also across restarts, so receivers that dedupe on them never see a repeat.
  private nextJobId = Date.now();

  constructor(
    @Inject(SIM_CONFIG) private readonly config: KalturaSimConfig,
    @Inject(SIM_LOGGER) private readonly logger: Logger,
    private readonly rooms: RoomStore,
    private readonly catalog: MediaCatalog,
  ) {}

  async notify(request: NotifyRequest): Promise<NotifyResult> {
    const url = request.url ?? this.config.KALTURA_SIM_WEBHOOK_URL;
    if (!url)
      throw new SimControlError(
        400,
        'SIM.NO_WEBHOOK_URL',
        'no url given and KALTURA_SIM_WEBHOOK_URL is not set',
      );
    const room = this.rooms.find(request.resourceId);
    if (!room)
      throw new SimControlError(404, 'SIM.ROOM_NOT_FOUND', `no room ${request.resourceId}`);
    const jobId = this.nextJobId++;
    const notification = httpNotification(
      request.kind,
      this.objectFor(request.kind, room),
      jobId,
      this.config.KALTURA_PARTNER_ID,
    );
    const secret = request.secret ?? this.signingSecret();
    const signed = signedRequest(
      notification,
      request.format ?? this.config.KALTURA_SIM_WEBHOOK_FORMAT,
      secret,
      request.algo ?? this.config.KALTURA_SIM_WEBHOOK_ALGO,
    );
    const { status, error } = await deliver(url, signed);
    const delivered = status === 200 || status === 204;
    const log = { kind: request.kind, resourceId: request.resourceId, jobId, status, error };
    if (delivered) this.logger.info(log, 'notification delivered');
    else this.logger.warn(log, 'notification not delivered (the sim does not retry)');
    return { jobId, url, status, delivered, ...(error ? { error } : {}), notification };
  }

  private signingSecret(): string {
    const c = this.config;
    return c.KALTURA_SIM_WEBHOOK_SECRET ?? c.KALTURA_WEBHOOK_SECRET ?? c.KALTURA_ADMIN_SECRET;
  }

  private objectFor(kind: NotificationKind, room: Room): Record<string, unknown> {
    const partnerId = this.config.KALTURA_PARTNER_ID;
    switch (kind) {
      case 'room_live_start':
        room.phase = 'live';
        return roomLiveEntry(room, partnerId, true);
      case 'room_live_stop':
        room.phase = 'ended';
        return roomLiveEntry(room, partnerId, false);
      case 'recording_ready':
        room.phase = 'recorded';
        return this.catalog.addRecording({
          name: `${room.name} (recording)`,
          rootEntryId: room.roomEntryId,
          referenceId: String(room.id),
        });
    }
  }
}

async function deliver(
  url: string,
  signed: { body: string; headers: Record<string, string> },
): Promise<{ status: number | null; error?: string }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { status: null, error: String(error) };
  }
}
