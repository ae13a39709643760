import { z } from 'zod';

/** Kaltura serializes ids and enum values as numbers or strings depending on the type; we keep strings. */
const idText = z.union([z.number(), z.string().min(1)]).transform(String);

export const scheduleResourceSchema = z.looseObject({
  objectType: z.string(),
  id: idText,
  name: z.string().optional(),
  status: z.union([z.number(), z.string()]).optional(),
});

/** `KalturaUser` as `user.*` actions return it (only the id is read). */

export const mediaEntrySchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().default(''),
  description: z.string().nullish(),
  /** Seconds. */
  duration: z.number().nullish(),
  thumbnailUrl: z.string().nullish(),
  status: z.union([z.number(), z.string()]).optional(),
  rootEntryId: z.string().nullish(),
});
export type MediaEntry = z.output<typeof mediaEntrySchema>;

export const esearchEntryResponseSchema = z.looseObject({
  totalCount: z.number().int(),
  objects: z.array(z.looseObject({ object: mediaEntrySchema })).nullish(),
});

export const mediaListResponseSchema = z.looseObject({
  totalCount: z.number().int(),
  objects: z.array(mediaEntrySchema).nullish(),
});

/** What we show of a video: enough for a search result or a recording notice. */
export interface VideoSummary {
  entryId: string;
  name: string;
  description: string;
  durationSeconds: number;
  thumbnailUrl: string | null;
}

export interface VideoPage {
  totalCount: number;
  videos: VideoSummary[];
}

export function toVideoSummary(entry: MediaEntry): VideoSummary {
  return {
    entryId: entry.id,
    name: entry.name,
    description: entry.description ?? '',
    durationSeconds: entry.duration ?? 0,
    thumbnailUrl: entry.thumbnailUrl ?? null,
  };
}

/** `session.startWidgetSession` → KalturaStartWidgetSessionResponse. */
export const widgetSessionSchema = z.looseObject({
  ks: z.string().min(1),
  partnerId: z.union([z.number(), z.string()]).optional(),
  userId: z.union([z.number(), z.string()]).nullish(),
});

/** `appToken.startSession` → KalturaSessionInfo (`expiry` = unix seconds the KS is valid until). */
export const sessionInfoSchema = z.looseObject({
  ks: z.string().min(1),
  sessionType: z.coerce.number().int(),
  userId: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v == null ? '' : String(v))),
  expiry: z.coerce.number().int(),
  privileges: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
});
export type SessionInfo = z.output<typeof sessionInfoSchema>;
