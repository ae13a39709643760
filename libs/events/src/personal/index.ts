export {
  forgottenPattern,
  forgottenValue,
  personal,
  personalFieldsOf,
  personOf,
} from './personal-field.js';
export {
  open,
  parseSealed,
  placeholderOf,
  seal,
  sealedKidsIn,
  sealedPrefix,
  tagOf,
  type PersonKey,
  type SealedParts,
} from './sealed-value.js';
export {
  installPersonKeyring,
  installedPersonKeyring,
  type KeyState,
  type PersonKeyring,
} from './person-keyring.js';
export { openSealedValues, personsIn, sealEvent, PersonalDataError } from './protect-event.js';
