import type { OptionValue } from '../interactions/interaction.schema.js';

const MAX_TEXT = 100;
const SECRET_NAME = /token|secret|password|^ks$/i;

/**
 * `command.executed.options`: scalars only, text cut to 100 characters, nothing whose name says
 * it is a credential. The event log keeps what was asked, not everything that was typed.
 */
export function sanitizeOptionsForEvent(
  options: Readonly<Record<string, unknown>>,
): Record<string, OptionValue> {
  const sanitized: Record<string, OptionValue> = {};
  for (const [name, value] of Object.entries(options)) {
    if (SECRET_NAME.test(name)) continue;
    if (typeof value === 'string') sanitized[name] = [...value].slice(0, MAX_TEXT).join('');
    else if (typeof value === 'boolean') sanitized[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) sanitized[name] = value;
  }
  return sanitized;
}
