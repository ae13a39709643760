import { z } from 'zod';
import { KalturaApiError, type KalturaCallSite } from '../errors.js';

const argValue = z
  .unknown()
  .transform((value) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')));
const namedArg = z.object({ name: z.string(), value: argValue });

const apiExceptionSchema = z.object({
  objectType: z.literal('KalturaAPIException'),
  code: z.string(),
  message: z.string().default(''),
  // PHP serializes the args map as an object, or as `[]` when empty; typed clients use name/value items.
  args: z.union([z.record(z.string(), argValue), z.array(namedArg), z.null()]).optional(),
});

/** A `KalturaAPIException` body (HTTP 200) as a typed error, with our own KS blanked out of it. */
export function toKalturaApiError(
  body: unknown,
  call: KalturaCallSite,
  ks?: string,
): KalturaApiError | undefined {
  const parsed = apiExceptionSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message, args } = parsed.data;
  const entries = Array.isArray(args)
    ? args.map((a) => [a.name, a.value] as const)
    : Object.entries(args ?? {});
  const redact = (text: string) => (ks ? text.split(ks).join('[redacted]') : text);
  const safeArgs = Object.fromEntries(entries.map(([name, value]) => [name, redact(value)]));
  return new KalturaApiError(code, redact(message), safeArgs, call);
}

/** Whether a JSON body is a Kaltura error object at all (even a malformed one). */
export function looksLikeApiException(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { objectType?: unknown }).objectType === 'KalturaAPIException'
  );
}
