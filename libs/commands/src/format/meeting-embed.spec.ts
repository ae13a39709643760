import { describe, expect, it } from '@jest/globals';
import { resolveLocale } from '@kd/i18n';
import type { ActiveMeeting, MeetingSummary } from '@kd/meetings';
import { activeMeetingLine, meetingEmbed } from './meeting-embed.js';

const meeting = {
  meetingId: 'm0123456789',
  guildId: '100000000000000200',
  type: 'classroom',
  title: 'Weekly sync',
  description: null,
  ownerUserId: '100000000000000400',
  kalturaResourceId: '42',
  status: 'live',
  createdAt: '2026-03-18T12:00:00.000Z',
  startedAt: null,
  endedAt: null,
  endedBy: null,
} as unknown as MeetingSummary;

describe('meeting replies in the member’s language', () => {
  it('labels the embed in German, the join link still only where asked for', () => {
    const embed = meetingEmbed(meeting, { joinUrl: 'https://example.test/j' }, 'de');
    expect(embed.fields?.map((f) => f.name)).toEqual([
      'Art',
      'Meeting-ID',
      'Gastgeber',
      'Dein Beitrittslink',
    ]);
    expect(embed.fields?.[0]?.value).toBe('Kursraum');
    expect(embed.fields?.[3]?.value).toContain('persönlich');
  });

  it('counts the people in the room with ICU plurals', () => {
    const live = (n: number) =>
      ({ ...meeting, status: 'live', liveParticipants: n }) as unknown as ActiveMeeting;
    expect(activeMeetingLine(live(1), 'fr')).toContain(
      '(Classe, en direct, 1 personne dans la salle)',
    );
    expect(activeMeetingLine(live(3), 'pt-BR')).toContain('ao vivo, 3 pessoas na sala');
    expect(activeMeetingLine(live(0), 'es-ES')).toContain('en directo, nadie en la sala');
  });

  it('answers an unknown locale (ja) in English and never fails', () => {
    const line = activeMeetingLine(
      { ...meeting, status: 'created', liveParticipants: 0 } as unknown as ActiveMeeting,
      resolveLocale('ja'),
    );
    expect(line).toBe(
      '`m0123456789` **Weekly sync** (Classroom, not started yet) — host <@100000000000000400>',
    );
  });
});
