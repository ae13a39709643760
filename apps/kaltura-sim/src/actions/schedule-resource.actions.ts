import { ScheduleResourceStatus } from '@kd/kaltura';
import { SimApiException } from '../api/kaltura-api-exception.js';
import { objectParam, stringParam, textParam, type SimAction } from '../api/sim-action.js';
import type { RoomStore } from '../state/room-store.service.js';

/** `schedule_scheduleresource`: rooms are `KalturaLocationScheduleResource`s. */
export function scheduleResourceActions(rooms: RoomStore): Record<string, SimAction> {
  const find = (id: string) => {
    const room = rooms.get(id);
    if (!room) throw new SimApiException('SCHEDULE_RESOURCE_ID_NOT_FOUND', { ID: id });
    return room;
  };
  return {
    add: {
      access: 'admin',
      run(params) {
        const resource = objectParam(params, 'scheduleResource');
        if (resource.objectType !== 'KalturaLocationScheduleResource') {
          throw new SimApiException('INVALID_OBJECT_TYPE', {
            INVALID_OBJ_TYPE: textParam(resource, 'objectType') ?? '',
          });
        }
        if (typeof resource.name !== 'string' || resource.name === '') {
          throw new SimApiException('PROPERTY_VALIDATION_CANNOT_BE_NULL', { PROP_NAME: 'name' });
        }
        const description = typeof resource.description === 'string' ? resource.description : '';
        const tags = typeof resource.tags === 'string' ? resource.tags : undefined;
        return rooms.toKaltura(rooms.add({ name: resource.name, description, tags }));
      },
    },
    get: {
      access: 'session',
      run: (params) => rooms.toKaltura(find(stringParam(params, 'scheduleResourceId'))),
    },
    delete: {
      access: 'admin',
      run(params) {
        const room = find(stringParam(params, 'scheduleResourceId'));
        room.status = ScheduleResourceStatus.deleted;
        room.updatedAt = Math.floor(Date.now() / 1000);
        return rooms.toKaltura(room);
      },
    },
  };
}
