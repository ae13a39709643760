export { defineCatalog, type NamespaceCatalog } from './message-catalog.js';
export {
  defaultLocale,
  isSupportedLocale,
  resolveLocale,
  supportedLocales,
  type Locale,
} from './locales.js';
export {
  hasMessage,
  messageTables,
  ownTranslation,
  translate,
  translatorFor,
  UnknownMessageKeyError,
  type MessageValues,
} from './translate.js';
