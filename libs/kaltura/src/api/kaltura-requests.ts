import { ESearchItemType, ESearchOperatorType, NEWROW_ROOM_TAG } from '../kaltura-enums.js';

/** Request parameter objects, shaped as the API v3 JSON format expects (`objectType` on every object). */
export function locationResourceParams(name: string, description: string): Record<string, unknown> {
  return {
    scheduleResource: {
      objectType: 'KalturaLocationScheduleResource',
      name,
      description,
      tags: NEWROW_ROOM_TAG,
    },
  };
}

export function esearchEntryParams(query: string, limit: number): Record<string, unknown> {
  return {
    searchParams: {
      objectType: 'KalturaESearchEntryParams',
      searchOperator: {
        objectType: 'KalturaESearchEntryOperator',
        operator: ESearchOperatorType.and,
        searchItems: [
          {
            objectType: 'KalturaESearchUnifiedItem',
            searchTerm: query,
            itemType: ESearchItemType.partial,
          },
        ],
      },
    },
    pager: pager('KalturaPager', limit),
  };
}

export function mediaListParams(limit: number, rootEntryId?: string): Record<string, unknown> {
  return {
    filter: {
      objectType: 'KalturaMediaEntryFilter',
      orderBy: '-createdAt',
      ...(rootEntryId ? { rootEntryIdEqual: rootEntryId } : {}),
    },
    pager: pager('KalturaFilterPager', limit),
  };
}

/** eSearch takes a `KalturaPager`, list actions a `KalturaFilterPager`. */
function pager(objectType: 'KalturaPager' | 'KalturaFilterPager', limit: number) {
  return { objectType, pageSize: limit, pageIndex: 1 };
}
