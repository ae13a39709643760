import { Inject, Injectable } from '@nestjs/common';
import { NEWROW_ROOM_TAG, ScheduleResourceStatus } from '@kd/kaltura';
import { SIM_CONFIG, type KalturaSimConfig } from '../kaltura-sim.config.js';
import { randomEntryId } from './entry-ids.js';

export type RoomPhase = 'created' | 'live' | 'ended' | 'recorded';

export interface Room {
  id: number;
  name: string;
  description: string;
  tags: string;
  status: number;
  createdAt: number;
  updatedAt: number;
  /** The room's own entry; its recordings carry it as `rootEntryId`. */
  roomEntryId: string;
  phase: RoomPhase;
}

/** Schedule resources (virtual-classroom rooms) held in memory. */
@Injectable()
export class RoomStore {
  private readonly rooms = new Map<string, Room>();
  private nextId = 10_001;

  constructor(@Inject(SIM_CONFIG) private readonly config: KalturaSimConfig) {}

  add(input: { name: string; description: string; tags?: string }): Room {
    const now = Math.floor(Date.now() / 1000);
    const room: Room = {
      id: this.nextId++,
      name: input.name,
      description: input.description,
      tags: input.tags ?? NEWROW_ROOM_TAG,
      status: ScheduleResourceStatus.active,
      createdAt: now,
      updatedAt: now,
      roomEntryId: randomEntryId(),
      phase: 'created',
    };
    this.rooms.set(String(room.id), room);
    return room;
  }

  /** Active rooms only: a deleted room is "not found", as on the real server. */
  get(id: string): Room | undefined {
    const room = this.rooms.get(id);
    return room && room.status !== ScheduleResourceStatus.deleted ? room : undefined;
  }

  /** Any room ever made, deleted ones included (recordings arrive after a room is closed). */
  find(id: string): Room | undefined {
    return this.rooms.get(id);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  toKaltura(room: Room): Record<string, unknown> {
    return {
      objectType: 'KalturaLocationScheduleResource',
      id: room.id,
      partnerId: this.config.KALTURA_PARTNER_ID,
      name: room.name,
      description: room.description,
      tags: room.tags,
      status: room.status,
      createdAt: room.createdAt,
      updatedAt: room.updatedAt,
    };
  }
}
