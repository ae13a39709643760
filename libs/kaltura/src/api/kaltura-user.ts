import { z } from 'zod';

/**
 * Kaltura's limits on a user, counted in characters (code points) as the server's
 * `validatePropertyMaxLength` does with mb_strlen.
 */
export const kalturaUserLimits = {
  id: 100,
  screenName: 100,
  firstName: 40,
  lastName: 40,
  partnerData: 4096,
} as const;

/** The fields of a `KalturaUser` we write. */
export interface KalturaUserInput {
  screenName: string;
  firstName: string;
  partnerData: string;
}

/** `user.get` / `user.add` / `user.update` / `user.delete` → KalturaUser. */
export const kalturaUserSchema = z.looseObject({
  id: z.union([z.number(), z.string().min(1)]).transform(String),
  screenName: z.string().nullish(),
  firstName: z.string().nullish(),
  partnerData: z.string().nullish(),
  status: z.union([z.number(), z.string()]).optional(),
});
export type KalturaUser = z.output<typeof kalturaUserSchema>;

/** Codes with which Kaltura says a user id is unknown (`user.get`, `user.update`, `user.delete`). */
export const unknownUserCodes: ReadonlySet<string> = new Set(['INVALID_USER_ID', 'USER_NOT_FOUND']);

/** `user.add` for an id that already exists. */
export const duplicateUserCode = 'DUPLICATE_USER_BY_ID';

export function userObject(input: Partial<KalturaUserInput> & { id?: string }) {
  return { objectType: 'KalturaUser', ...input };
}
