import { z } from 'zod';
import { settingsActions } from './settings-actions.js';

/** What a button does, and the slash command it stands for (its permissions, handler, record). */
export const buttonCommands = {
  join: 'kaltura-join',
  end: 'kaltura-end',
  ...settingsActions,
  forget: 'kaltura-forget-me',
  'forget-cancel': 'kaltura-forget-me',
} as const;
export type ButtonAction = keyof typeof buttonCommands;

const CUSTOM_ID_VERSION = 'kd1';
const MAX_CUSTOM_ID = 100;

/** `kd1:<action>:<id>` (a meeting id, a pending change, a notification kind): versioned, so a layout change never misreads an old message. */
const customIdSchema = z
  .string()
  .max(MAX_CUSTOM_ID)
  .transform((raw) => raw.split(':'))
  .pipe(
    z.tuple([
      z.literal(CUSTOM_ID_VERSION),
      z.enum(Object.keys(buttonCommands) as [ButtonAction, ...ButtonAction[]]),
      z.string().regex(/^[a-z0-9_]{1,64}$/),
    ]),
  )
  .transform(([, action, meetingId]) => ({ action, meetingId }));

export interface ButtonTarget {
  action: ButtonAction;
  meetingId: string;
}

export function buttonCustomId(action: ButtonAction, meetingId: string): string {
  const id = `${CUSTOM_ID_VERSION}:${action}:${meetingId}`;
  if (!parseCustomId(id)) throw new Error(`not a valid button target: ${id}`);
  return id;
}

/** The button's target, or undefined for anything we did not make (old, foreign or forged). */
export function parseCustomId(raw: unknown): ButtonTarget | undefined {
  const result = customIdSchema.safeParse(raw);
  return result.success ? result.data : undefined;
}
