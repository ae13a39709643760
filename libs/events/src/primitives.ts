import { z } from 'zod';

/** Discord snowflake: 17–20 decimal digits. */
export const snowflake = z
  .string()
  .regex(/^\d{17,20}$/, 'must be a Discord snowflake (17–20 digits)');

/**
 * An id that is safe as a NATS subject token (no dots, spaces or wildcards) and short enough
 * for a subject. Kaltura ids (`0_abc12`), UUIDs and snowflakes all fit.
 */
export const subjectTokenPattern = /^[A-Za-z0-9_-]{1,128}$/;

export const subjectToken = z
  .string()
  .min(1)
  .max(128)
  .regex(subjectTokenPattern, 'must contain only letters, digits, "_" and "-"');

export const isoUtc = z.iso.datetime({ offset: false, precision: 3 });

export const nonNegativeInt = z.number().int().nonnegative();
