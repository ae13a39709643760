/** Enum values of Kaltura API v3 that this project reads or writes (numbers as Kaltura serializes them). */
export const KsType = { user: 0, admin: 2 } as const;
export type KsTypeValue = (typeof KsType)[keyof typeof KsType];

/** KalturaEntryStatus */
export const EntryStatus = {
  pending: 0,
  converting: 1,
  ready: 2,
  deleted: 3,
  errorConverting: -1,
} as const;

/** KalturaEntryServerNodeStatus, carried as `liveStatus` on live entries. */
export const LiveStatus = { stopped: 0, playable: 1, broadcasting: 2 } as const;

/** KalturaScheduleResourceStatus */
export const ScheduleResourceStatus = { disabled: 1, active: 2, deleted: 3 } as const;

/** KalturaEventNotificationEventType (core values). */
export const EventNotificationEventType = {
  batchJobStatus: 1,
  objectAdded: 2,
  objectChanged: 3,
  objectCopied: 4,
  objectCreated: 5,
  objectDataChanged: 6,
  objectDeleted: 7,
  objectErased: 8,
  objectReadyForReplacment: 9,
  objectSaved: 10,
  objectUpdated: 11,
  objectReplaced: 12,
  objectReadyForIndex: 13,
} as const;

/** KalturaEventNotificationEventObjectType (core values). */
export const EventNotificationEventObjectType = {
  entry: 1,
  category: 2,
  asset: 3,
  flavorAsset: 4,
} as const;

/** KalturaESearchItemType and KalturaESearchOperatorType. */
export const ESearchItemType = {
  exactMatch: 1,
  partial: 2,
  startsWith: 3,
  exists: 4,
  range: 5,
} as const;
export const ESearchOperatorType = { and: 1, or: 2, not: 3 } as const;

/** KalturaESearchEntryFieldName values this project filters on (current server names). */
export const ESearchEntryFieldName = {
  id: 'id',
  name: 'name',
  description: 'description',
  tags: 'tags',
  referenceId: 'reference_id',
  rootId: 'root_id',
} as const;

/** KalturaESearchCategoryEntryFieldName */
export const ESearchCategoryEntryFieldName = {
  id: 'id',
  fullIds: 'full_ids',
  name: 'name',
  ancestorId: 'ancestor_id',
  ancestorName: 'ancestor_name',
} as const;

/** KalturaCategoryEntryStatus */
export const CategoryEntryStatus = { pending: 1, active: 2, deleted: 3, rejected: 4 } as const;

/** Tag that marks a schedule resource as a Kaltura virtual-classroom (newrow) room. */
export const NEWROW_ROOM_TAG = 'vcprovider:newrow';
