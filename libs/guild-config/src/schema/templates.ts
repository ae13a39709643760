import { z } from 'zod';
import type { NotificationKind } from './config-catalog.js';

/** Longer messages leave too little of Discord's 2,000 characters for the filled-in values. */
export const maxTemplateLength = 1500;

const common = ['title', 'meetingId', 'meetingType'] as const;

/** The values the notifier fills in, per notification kind. */
export const templatePlaceholders: Readonly<Record<NotificationKind, readonly string[]>> = {
  meeting_scheduled: [...common, 'startsAt', 'scheduledBy'],
  meeting_reminder: [...common, 'startsAt', 'minutes'],
  meeting_start: [...common, 'joinUrl', 'startedBy'],
  meeting_end: [...common, 'endedBy', 'duration'],
  recording_ready: [...common, 'recordingUrl', 'entryId'],
  participant_join: [...common, 'participant'],
  participant_leave: [...common, 'participant'],
};

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(placeholderPattern)].map((m) => m[1] ?? '');
}

export function templateSchema(kind: NotificationKind) {
  const allowed = templatePlaceholders[kind];
  return z
    .string()
    .min(1, 'must not be empty')
    .max(maxTemplateLength, `must be at most ${maxTemplateLength} characters`)
    .superRefine((template, ctx) => {
      const unknown = [...new Set(placeholdersIn(template))].filter((p) => !allowed.includes(p));
      if (unknown.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `{{${p}}}`).join(', ')}; ${kind} knows ${allowed.map((p) => `{{${p}}}`).join(', ')}`,
        });
    });
}

/**
 * Fills a template's placeholders; one without a value becomes empty. Mentions in the result
 * are neutralised when the message is sent (allowed_mentions), not here.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(placeholderPattern, (_, name: string) => values[name] ?? '');
}
