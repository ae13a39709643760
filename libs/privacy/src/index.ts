export { PersonForgetService, type PersonForgetOptions } from './forget/person-forget.service.js';
export { PendingKalturaDeletions } from './forget/pending-kaltura-deletions.js';
export type {
  ForgetOutcome,
  ForgetRequester,
  KalturaDeletion,
  KalturaUsers,
} from './forget/forget-outcome.js';
export { checkpointFloor } from './forget/checkpoint-floor.js';
export {
  copyStreamSealed,
  type CopyStreamOptions,
  type CopyStreamResult,
} from './migrate/copy-stream-sealed.js';
