import { translate, type Locale } from '@kd/i18n';
import { renderTemplate } from '@kd/guild-config';

/** Placeholder values of a made-up meeting, so a template can be previewed before it is saved. */
export function sampleMeetingValues(
  locale: Locale,
  reminderMinutes: number,
): Record<string, string> {
  const t = (key: string) => translate(locale, `config.${key}`);
  const person = t('sample_person');
  return {
    title: t('sample_title'),
    meetingId: 'm0sample0001',
    meetingType: 'meeting',
    startsAt: t('sample_starts'),
    minutes: String(reminderMinutes),
    scheduledBy: person,
    startedBy: person,
    endedBy: person,
    duration: t('sample_duration'),
    participant: t('sample_participant'),
    // Not a link to anything: a preview never carries a real join or recording link.
    joinUrl: 'https://example.com/join/m0sample0001',
    recordingUrl: 'https://example.com/recording/0_sample01',
    entryId: '0_sample01',
  };
}

export function previewTemplate(template: string, locale: Locale, reminderMinutes: number): string {
  return renderTemplate(template, sampleMeetingValues(locale, reminderMinutes));
}
