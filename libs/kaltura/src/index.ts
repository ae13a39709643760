export { KalturaClient, isDuplicateUser, type MeetingRoom } from './kaltura-client.js';
export {
  kalturaUserLimits,
  kalturaUserSchema,
  type KalturaUser,
  type KalturaUserInput,
} from './api/kaltura-user.js';
export type { SearchScope } from './api/kaltura-requests.js';
export {
  kalturaClientOptionsSchema,
  appTokenOptionsSchema,
  type KalturaClientOptions,
} from './kaltura-options.js';
export { appTokenHash, appTokenHashTypes, type AppTokenHashType } from './ks/app-token-hash.js';
export { AppTokenSessions, type AppToken } from './ks/app-token-sessions.js';
export type { SessionSource } from './ks/session-source.js';
export {
  createKalturaMetrics,
  type KalturaMetrics,
  type KalturaOutcome,
} from './kaltura-metrics.js';
export {
  KalturaApiError,
  KalturaUnavailableError,
  KalturaUnexpectedResponseError,
  KalturaNotificationError,
  KsValidationError,
  ksFailures,
  type KsFailure,
  type KalturaCallSite,
} from './errors.js';
export { categoryOfKalturaCode } from './error-categories.js';
export { joinPrivileges, type JoinUrlInput, type MeetingRole } from './api/join-url.js';
export {
  toVideoSummary,
  mediaEntrySchema,
  type MediaEntry,
  type VideoPage,
  type VideoSummary,
} from './api/kaltura-objects.js';
export { generateKsV2, type KsV2Input } from './ks/generate-ks-v2.js';
export { parseKsV2, type KsV2Session, type AdminSecretLookup } from './ks/parse-ks-v2.js';
export {
  buildPrivileges,
  parsePrivileges,
  privilegeEntries,
  type Privileges,
} from './ks/ks-privileges.js';
export {
  KalturaSessions,
  type KalturaSessionOptions,
  type IssuedSession,
} from './ks/kaltura-sessions.js';
export {
  signKalturaNotification,
  verifyKalturaSignature,
  kalturaHashAlgoOf,
  kalturaHashAlgos,
  type KalturaHashAlgo,
} from './webhook/webhook-signature.js';
export {
  parseKalturaNotification,
  kalturaHttpNotificationSchema,
  type KalturaHttpNotification,
} from './webhook/http-notification.js';
export {
  KsType,
  EntryStatus,
  LiveStatus,
  ScheduleResourceStatus,
  EventNotificationEventType,
  EventNotificationEventObjectType,
  ESearchItemType,
  ESearchOperatorType,
  ESearchEntryFieldName,
  ESearchCategoryEntryFieldName,
  CategoryEntryStatus,
  NEWROW_ROOM_TAG,
  type KsTypeValue,
} from './kaltura-enums.js';
