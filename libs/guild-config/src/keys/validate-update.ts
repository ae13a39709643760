import type { z } from 'zod';
import { ConfigInvalidValueError } from '../errors.js';
import type { ConfigSection } from '../schema/config-catalog.js';
import { coerceValue } from './coerce-value.js';
import { parseDottedKey, type ParsedConfigKey } from './parse-config-key.js';

/** A leaf value of the configuration. */
export type ConfigValue = boolean | string | readonly string[];

export interface ValidatedUpdate {
  key: string;
  section: ConfigSection;
  /** null: remove the override (a role mapping disappears, any other key returns to its default). */
  value: ConfigValue | null;
}

/** Parses a dotted key and a raw value (a Discord text option, or JSON from an overrides file). */
export function validateUpdate(key: string, rawValue: unknown): ValidatedUpdate {
  const parsed = parseDottedKey(key);
  return { key: parsed.key, section: parsed.section, value: validateValue(parsed, rawValue) };
}

export function validateValue(parsed: ParsedConfigKey, raw: unknown): ConfigValue | null {
  if (isRemoval(raw)) return null;
  const { leaf } = parsed;
  const result = leaf.schema.safeParse(coerceValue(leaf.kind, raw));
  if (result.success) return result.data as ConfigValue;
  throw new ConfigInvalidValueError(parsed.key, leaf.expected, describeIssues(result.error, raw));
}

function isRemoval(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  return typeof raw === 'string' && ['', 'null'].includes(raw.trim().toLowerCase());
}

function describeIssues(error: z.ZodError, raw: unknown): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `entry ${issue.path.join('.')}: ` : '';
      const what = issue.code === 'invalid_type' ? `got ${JSON.stringify(raw)}` : issue.message;
      return where + what;
    })
    .join('; ');
}
