import type { Meeting } from '@kd/meetings';
import { describe, expect, it } from '@jest/globals';
import type { GuildConfig } from '@kd/guild-config';
import { supportedLocales, type Locale } from '@kd/i18n';
import { renderLivingMessage, type LivingMessage } from './living-message.js';
import { defaults, meeting, meetingId, ownerId, recorded } from './notification.fixture.js';

const guest = '523456789012345678';
const at = (time: string) => `2025-11-20T${time}:00.000Z`;
const started = recorded('meeting.started', { meetingId }, at('10:05'));
const joined = recorded(
  'meeting.participant_joined',
  { meetingId, participantId: guest },
  at('10:06'),
);
const ended = recorded('meeting.ended', { meetingId, endedBy: ownerId }, at('11:17'));
const recording = recorded('meeting.recording_ready', { meetingId, entryId: '1_rec' }, at('11:30'));
const links = { recordingUrl: 'https://videos.example.org/media/t/{entryId}' };

function config(
  locale: Locale = 'en-US',
  types: Partial<GuildConfig['notifications']['types']> = {},
) {
  return {
    ...defaults,
    general: { ...defaults.general, locale },
    notifications: {
      ...defaults.notifications,
      types: { ...defaults.notifications.types, ...types },
    },
  };
}

function render(view: Meeting, guild = config()): LivingMessage {
  const message = renderLivingMessage({ view, config: guild, defaults, links });
  if (!message) throw new Error('nothing rendered');
  return message;
}

const fields = (message: LivingMessage) =>
  Object.fromEntries((message.embeds[0]?.fields ?? []).map((f) => [f.name, f.value]));
const buttons = (message: LivingMessage) =>
  message.components.flatMap((row) => (row.components as Record<string, unknown>[]) ?? []);
const unix = (iso: string) => Date.parse(iso) / 1000;

describe('renderLivingMessage', () => {
  it('shows nothing for a meeting that was only created', () => {
    expect(renderLivingMessage({ view: meeting(), config: config(), defaults, links })).toBeNull();
  });

  it('shows a scheduled meeting with its time and interest, without buttons', () => {
    const view = { ...meeting(), scheduledFor: at('18:00'), rsvps: new Set([guest, ownerId]) };
    const message = render(view);
    expect(message).toMatchObject({
      stage: 'scheduled',
      kind: 'meeting_scheduled',
      components: [],
    });
    expect(message.content).toBe(
      `📅 **Weekly sync** is scheduled for <t:${unix(at('18:00'))}:F>, set up by <@${ownerId}>.`,
    );
    expect(message.embeds[0]?.title).toBe('Scheduled');
    expect(fields(message)).toEqual({
      Starts: `<t:${unix(at('18:00'))}:F> (<t:${unix(at('18:00'))}:R>)`,
      Interested: '2 people',
    });
  });

  it('shows a canceled meeting as canceled', () => {
    const view = { ...meeting(), scheduledFor: at('18:00'), canceledAt: at('17:00') };
    expect(render(view)).toMatchObject({
      stage: 'canceled',
      content: '❌ **Weekly sync** was canceled.',
      components: [],
    });
    const canceledAt = { ...meeting(), scheduledFor: at('18:00'), canceledAt: at('12:00') };
    expect(render(canceledAt).stage).toBe('canceled');
  });

  it('shows a live meeting since when, who is in the room, and a Join button without a URL', () => {
    const message = render(meeting('Weekly sync', [started, joined]));
    expect(message).toMatchObject({ stage: 'live', kind: 'meeting_start' });
    expect(fields(message)).toEqual({
      'Live since': `<t:${unix(at('10:05'))}:t> (<t:${unix(at('10:05'))}:R>)`,
      'In the room': '1 person',
    });
    expect(buttons(message)).toEqual([
      { type: 2, style: 1, label: 'Join', custom_id: `kd1:join:${meetingId}` },
    ]);
    expect(JSON.stringify(message)).not.toMatch(/https?:\/\//);
  });

  it('shows an ended meeting with its duration and participants, and no Join button', () => {
    const message = render(meeting('Weekly sync', [started, joined, ended]));
    expect(message).toMatchObject({ stage: 'ended', kind: 'meeting_end', components: [] });
    expect(message.content).toBe('🏁 **Weekly sync** has ended after 1 h 12 min.');
    expect(fields(message)).toEqual({ Duration: '1 h 12 min', Participants: '1 person' });
  });

  it('links the recording with a Link button once it is ready', () => {
    const message = render(meeting('Weekly sync', [started, ended, recording]));
    expect(message).toMatchObject({ stage: 'recording', kind: 'recording_ready' });
    expect(buttons(message)).toEqual([
      {
        type: 2,
        style: 5,
        label: 'Watch the recording',
        url: 'https://videos.example.org/media/t/1_rec',
      },
    ]);
    const withoutUrl = renderLivingMessage({
      view: meeting('Weekly sync', [started, ended, recording]),
      config: config(),
      defaults,
      links: {},
    });
    expect(withoutUrl?.components).toEqual([]);
    expect(withoutUrl && fields(withoutUrl)).toMatchObject({ Recording: '1\\_rec' });
  });

  it('renders ended when a late or redelivered start comes after the end', () => {
    const inOrder = render(meeting('Weekly sync', [started, ended]));
    const lateStart = render(meeting('Weekly sync', [ended, started]));
    expect(lateStart.stage).toBe('ended');
    expect(lateStart.components).toEqual([]);
    expect(render(meeting('Weekly sync', [started, ended, started])).stage).toBe('ended');
    expect(inOrder.stage).toBe('ended');
  });

  it('shows the latest stage the guild switched on, and nothing when none is', () => {
    const view = meeting('Weekly sync', [started, ended]);
    expect(render(view, config('en-US', { meeting_end: false })).stage).toBe('live');
    expect(render(view, config('en-US', { meeting_end: false })).components).toEqual([]);
    const silent = config('en-US', { meeting_end: false, meeting_start: false });
    expect(renderLivingMessage({ view, config: silent, defaults, links })).toBeNull();
  });

  const expected: Record<Locale, string[]> = {
    'en-US': [
      'Live now',
      'Live since',
      'In the room',
      'Join',
      'Recording ready',
      'Duration',
      'Participants',
      'Watch the recording',
      '🎬 The recording of **Weekly sync** is ready: https://videos.example.org/media/t/1_rec',
    ],
    de: [
      'Jetzt live',
      'Live seit',
      'Im Raum',
      'Beitreten',
      'Aufzeichnung bereit',
      'Dauer',
      'Teilnehmende',
      'Aufzeichnung ansehen',
      '🎬 Die Aufzeichnung von **Weekly sync** ist bereit: https://videos.example.org/media/t/1_rec',
    ],
    'es-ES': [
      'En directo',
      'En directo desde',
      'En la sala',
      'Unirse',
      'Grabación lista',
      'Duración',
      'Participantes',
      'Ver la grabación',
      '🎬 La grabación de **Weekly sync** está lista: https://videos.example.org/media/t/1_rec',
    ],
    fr: [
      'En direct',
      'En direct depuis',
      'Dans la salle',
      'Rejoindre',
      'Enregistrement prêt',
      'Durée',
      'Participants',
      'Voir l’enregistrement',
      '🎬 L’enregistrement de **Weekly sync** est prêt : https://videos.example.org/media/t/1_rec',
    ],
    'pt-BR': [
      'Ao vivo',
      'Ao vivo desde',
      'Na sala',
      'Entrar',
      'Gravação pronta',
      'Duração',
      'Participantes',
      'Assistir à gravação',
      '🎬 A gravação de **Weekly sync** está pronta: https://videos.example.org/media/t/1_rec',
    ],
  };

  it.each(supportedLocales)('speaks %s in every fixed part', (locale) => {
    const live = render(meeting('Weekly sync', [started, joined]), config(locale));
    const done = render(meeting('Weekly sync', [started, ended, recording]), config(locale));
    expect([
      live.embeds[0]?.title,
      ...Object.keys(fields(live)),
      buttons(live)[0]?.label,
      done.embeds[0]?.title,
      ...Object.keys(fields(done)),
      buttons(done)[0]?.label,
      done.content,
    ]).toEqual(expected[locale]);
  });

  it('counts people and measures time by the rules of the language', () => {
    const done = render(meeting('Weekly sync', [started, joined, ended]), config('de'));
    expect(fields(done)).toEqual({ Dauer: '1 Std. 12 Min.', Teilnehmende: '1 Person' });
    const view = { ...meeting(), scheduledFor: at('18:00'), rsvps: new Set(['1', '2', '3']) };
    expect(fields(render(view, config('fr')))).toMatchObject({ Intéressés: '3 personnes' });
  });

  it("keeps a guild's own template as written, in any locale", () => {
    const guild = config('de');
    const own = {
      ...guild,
      notifications: {
        ...guild.notifications,
        templates: { ...guild.notifications.templates, meeting_end: 'Done: {{title}}' },
      },
    };
    const message = render(meeting('Weekly sync', [started, ended]), own);
    expect(message.content).toBe('Done: Weekly sync');
    expect(message.embeds[0]?.title).toBe('Beendet');
  });
});
