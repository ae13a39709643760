export {
  eventCatalog,
  commandOutcomes,
  commandTransports,
  commandVias,
  discordLocaleCode,
  configSections,
  meetingTypes,
  personKalturaActions,
  discordIdOfKalturaUser,
  maxScheduledMinutes,
} from './catalog/index.js';
export { aggregates, type Aggregate, type EventDefinition } from './define-event.js';
export {
  actorKinds,
  actorSchema,
  envelopeHeaderSchema,
  type Actor,
  type Envelope,
  type EnvelopeHeader,
} from './envelope.js';
export { snowflake, subjectToken, subjectTokenPattern, isoUtc } from './primitives.js';
export type { DomainEvent, EventType, NewEvent, PayloadOf, EventCatalog } from './types.js';
export {
  prepareForAppend,
  decodeEvent,
  aggregateIdOf,
  definitionOf,
  isEventType,
} from './codec.js';
export { newEvent, type EventContext } from './create-event.js';
export { CLOCK, systemClock, fixedClock, type Clock } from './clock.js';
export {
  KdError,
  EventValidationError,
  UnknownEventTypeError,
  UnsupportedEventVersionError,
  type ErrorCategory,
  type SchemaIssue,
} from './errors.js';
export { toSchemaIssues } from './schema-issues.js';
export {
  forgottenPattern,
  forgottenValue,
  personal,
  personalFieldsOf,
  personOf,
  open as openSealed,
  parseSealed,
  placeholderOf,
  seal,
  sealedKidsIn,
  tagOf,
  installPersonKeyring,
  installedPersonKeyring,
  openSealedValues,
  personsIn,
  sealEvent,
  PersonalDataError,
  type PersonKey,
  type SealedParts,
  type KeyState,
  type PersonKeyring,
} from './personal/index.js';
export { withoutOwnedPersonalFields } from './owned-personal-fields.js';
