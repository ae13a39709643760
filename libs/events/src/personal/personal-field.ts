import { z } from 'zod';

/** What a personal value reads as once its person's key is destroyed: stable, unlinkable. */
export const forgottenPattern = /^forgotten:[A-Za-z0-9_-]{22}$/;
export const forgottenValue = z.string().regex(forgottenPattern);

/** Marked schemas → the payload field naming whose value it is ('' = the value names itself). */
const personalSchemas = new WeakMap<z.ZodType, string>();

/**
 * Marks a payload field as personal: it is sealed under its person's key when appended
 * (docs/privacy.md), and may read back as `forgotten:<tag>` once that key is gone. A value that
 * is not itself a Discord id (a display name) names the field that says whose it is: `ownedBy`.
 */
export function personal<S extends z.ZodType<string>>(
  schema: S,
  options: { ownedBy?: string } = {},
): z.ZodUnion<readonly [S, typeof forgottenValue]> {
  const marked = z.union([schema, forgottenValue]);
  personalSchemas.set(marked, options.ownedBy ?? '');
  return marked;
}

export function isPersonal(schema: z.ZodType): boolean {
  return personalSchemas.has(schema);
}

/** Personal fields whose owner is another field of the payload: field → owner field. */
export function personalOwnersOf(schema: z.ZodType): Readonly<Record<string, string>> {
  if (!(schema instanceof z.ZodObject)) return {};
  const shape = schema.shape as Record<string, z.ZodType>;
  const owners: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const owner = personalSchemas.get(unwrap(shape[key]!));
    if (owner) owners[key] = owner;
  }
  return owners;
}

/** The top-level payload fields of an object schema marked with `personal()`. */
export function personalFieldsOf(schema: z.ZodType): readonly string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.keys(shape).filter((key) => isPersonal(unwrap(shape[key]!)));
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  return schema;
}

const snowflakePattern = /^\d{17,20}$/;
const discordParticipant = /^discord:(\d{17,20})$/;

/** The Discord user a personal value belongs to, or null when it names no Discord person. */
export function personOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (snowflakePattern.test(value)) return value;
  return discordParticipant.exec(value)?.[1] ?? null;
}
