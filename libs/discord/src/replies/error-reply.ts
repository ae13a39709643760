import { KdError, type ErrorCategory } from '@kd/events';
import { defaultLocale, hasMessage, translate, type Locale, type MessageValues } from '@kd/i18n';
import type { Reply } from './reply.js';

export const INTERNAL_ERROR_CODE = 'INTERNAL.ERROR';

/**
 * Categories whose message is written for the user; the others carry technical detail (service
 * names, status codes) and get a plain explanation (`errors.category_*`) instead.
 */
const userFacing: Record<ErrorCategory, boolean> = {
  validation: true,
  permission: true,
  not_found: true,
  conflict: true,
  unauthenticated: false,
  rate_limited: false,
  unavailable: false,
  internal: false,
};

/** The stable code of an error, as recorded in `command.executed.errorCode`. */
export function errorCodeOf(error: unknown): string {
  return error instanceof KdError ? error.code : INTERNAL_ERROR_CODE;
}

/** `MEETING.NOT_FOUND` → `errors.code_meeting_not_found`. */
export const errorMessageKey = (code: string) =>
  `errors.code_${code.toLowerCase().replaceAll('.', '_')}`;

/**
 * What the user reads for an error, in `locale`: the catalog's text for its code (the error's
 * details as values), else the plain text of its category, else (a user-facing error the catalog
 * does not know yet) the error's own English message.
 */
export function errorMessage(error: unknown, locale: Locale = defaultLocale): string {
  // Never fails: an unknown key or a missing value falls back to English or the error's text.
  const kd = error instanceof KdError ? error : undefined;
  const category = kd?.category ?? 'internal';
  if (!kd || !userFacing[category]) return translate(locale, `errors.category_${category}`);
  const key = errorMessageKey(kd.code);
  if (!hasMessage(key)) return kd.message;
  try {
    return translate(locale, key, messageValues(kd, locale));
  } catch {
    return kd.message; // thrown without the details its message needs: its own text still helps
  }
}

/** An ephemeral reply saying what went wrong, with the stable code in small print. */
export function errorReply(error: unknown, locale: Locale = defaultLocale): Reply {
  const content = translate(locale, 'errors.reply', {
    message: errorMessage(error, locale),
    code: errorCodeOf(error),
  });
  return { content, ephemeral: true };
}

/** The details of an error as message values: scalars as they are, a few derived ones. */
function messageValues(error: KdError, locale: Locale): MessageValues {
  const details = error.details ?? {};
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(details))
    if (['string', 'number', 'boolean'].includes(typeof value))
      values[name] = value as string | number | boolean;
  const minutes = (ms: unknown) =>
    translate(locale, 'common.minutes', { count: Math.max(1, Math.ceil(Number(ms) / 60_000)) });
  if ('windowMs' in details) values.window = minutes(details.windowMs);
  if ('retryAfterMs' in details) values.retry = minutes(details.retryAfterMs);
  if (Array.isArray(details.required))
    values.required = listOf(
      details.required.map((entry) => requirement(String(entry), locale)),
      locale,
    );
  if (Array.isArray(details.suggestions)) {
    const suggestions = details.suggestions.map((entry) => `\`${String(entry)}\``);
    values.hasSuggestions = suggestions.length > 0 ? 'yes' : 'no';
    values.suggestions = listOf(suggestions, locale);
  }
  if (Array.isArray(details.issues))
    values.issues = (details.issues as { path?: string; message?: string }[])
      .map(({ path, message }) => (path ? `\`${path}\` ${message}.` : `${message}.`))
      .join(' ');
  return values;
}

/** A role id as a role mention, anything else as a Discord permission name. */
function requirement(entry: string, locale: Locale): string {
  return /^\d{17,20}$/.test(entry)
    ? translate(locale, 'errors.role', { roleId: entry })
    : translate(locale, 'errors.permission', { name: entry });
}

function listOf(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }).format(items);
}
