import { z } from 'zod';
import { KalturaNotificationError } from '../errors.js';

const idText = z.union([z.number(), z.string().min(1)]).transform(String);

/** `KalturaHttpNotification` as Kaltura posts it (ids and enum values normalized to strings). */
export const kalturaHttpNotificationSchema = z.looseObject({
  objectType: z.string().optional(),
  object: z.looseObject({ objectType: z.string().optional(), id: idText.optional() }),
  eventObjectType: idText,
  eventType: idText,
  eventNotificationJobId: idText,
  templateId: idText.optional(),
  templateName: z.string().optional(),
  templateSystemName: z.string().optional(),
  partnerId: idText.optional(),
});
export type KalturaHttpNotification = z.output<typeof kalturaHttpNotificationSchema>;

/**
 * Reads a notification body in either form Kaltura sends, decided from the (signed) bytes, never
 * from the Content-Type (Kaltura's servers send the older `data=<urlencoded JSON>` form as
 * `application/json` too): a JSON object, else a form with a `data` field. Verify the signature first.
 */
export function parseKalturaNotification(rawBody: Buffer | string): KalturaHttpNotification {
  const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
  const json = text.trimStart().startsWith('{') ? text : new URLSearchParams(text).get('data');
  if (json === null)
    throw new KalturaNotificationError(
      'neither a JSON notification nor a form with a "data" field',
    );
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    throw new KalturaNotificationError('notification body is not JSON');
  }
  const parsed = kalturaHttpNotificationSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KalturaNotificationError(
      `not a KalturaHttpNotification: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}
