import {
  CategoryEntryStatus,
  ESearchCategoryEntryFieldName,
  ESearchEntryFieldName,
  ESearchItemType,
  ESearchOperatorType,
  NEWROW_ROOM_TAG,
} from '../kaltura-enums.js';

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

/** Entries and categories a search may return; Kaltura applies it as part of the query. */
export interface SearchScope {
  entryIds: readonly string[];
  categoryIds: readonly string[];
}

/**
 * eSearch: the text (unified item, partial match) AND one of the allowed entries (entry item
 * `id`, exact) or categories (category-entry item `id`, exact, active membership).
 */
export function esearchEntryParams(
  query: string,
  limit: number,
  scope: SearchScope,
): Record<string, unknown> {
  const allowed = [
    ...scope.entryIds.map((id) => ({
      objectType: 'KalturaESearchEntryItem',
      fieldName: ESearchEntryFieldName.id,
      searchTerm: id,
      itemType: ESearchItemType.exactMatch,
    })),
    ...scope.categoryIds.map((id) => ({
      objectType: 'KalturaESearchCategoryEntryItem',
      fieldName: ESearchCategoryEntryFieldName.id,
      categoryEntryStatus: CategoryEntryStatus.active,
      searchTerm: id,
      itemType: ESearchItemType.exactMatch,
    })),
  ];
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
          {
            objectType: 'KalturaESearchEntryOperator',
            operator: ESearchOperatorType.or,
            searchItems: allowed,
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
