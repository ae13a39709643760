import { describe, expect, it } from '@jest/globals';
import { discordLimits, fitEmbeds, type ReplyEmbed } from '@kd/discord';
import { changedKeys, loadDefaultConfig, type GuildConfig } from '@kd/guild-config';
import { configEmbeds } from './config-embeds.js';

const defaults = loadDefaultConfig();
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

function configWith(change: (config: Mutable<GuildConfig>) => void) {
  const config = structuredClone(defaults) as Mutable<GuildConfig>;
  change(config);
  return { effective: config, changedKeys: changedKeys(defaults, config) };
}

const fieldsOf = (embed: ReplyEmbed | undefined) => embed?.fields ?? [];
const sizeOf = (embeds: ReplyEmbed[]) =>
  embeds.reduce(
    (n, e) =>
      n +
      (e.title ?? '').length +
      (e.description ?? '').length +
      fieldsOf(e).reduce((m, f) => m + f.name.length + f.value.length, 0),
    0,
  );

describe('configuration embeds', () => {
  it('shows one embed per section in words, nothing marked for the defaults', () => {
    const embeds = configEmbeds({ effective: defaults, changedKeys: [] }, 'en-US');
    expect(embeds.map((e) => e.title)).toEqual([
      'General',
      'Notifications',
      'Commands',
      'Roles',
      'Features',
    ]);
    expect(fieldsOf(embeds[0])).toEqual([
      { name: 'Time zone', value: '`UTC`' },
      { name: 'Language of notifications', value: 'American English (`en-US`)' },
    ]);
    expect(fieldsOf(embeds[2])[3]).toEqual({
      name: '/kaltura-end',
      value: '✅ on · who: Manage Events, Manage Guild',
    });
    expect(JSON.stringify(embeds)).not.toContain('✎');
    expect(JSON.stringify(embeds)).not.toContain('{"general"');
  });

  it('marks what differs from the defaults, and only that', () => {
    const view = configWith((c) => {
      c.general.timezone = 'Europe/Berlin';
      c.notifications.channels.meeting_end = '123456789012345678';
      c.roles.mapping['223456789012345678'] = 'adminRole';
    });
    const embeds = configEmbeds(view, 'en-US');
    const marked = embeds.flatMap((e) => fieldsOf(e).filter((f) => f.name.includes('✎')));
    expect(marked.map((f) => f.name)).toEqual([
      'Time zone · ✎ changed',
      'Meeting ended · ✎ changed',
      'Discord roles → Kaltura roles · ✎ changed',
    ]);
    expect(marked[1]?.value).toContain('<#123456789012345678>');
    expect(marked[2]?.value).toBe('<@&223456789012345678> → moderator');
  });

  it('speaks the asked language', () => {
    const [general] = configEmbeds({ effective: defaults, changedKeys: [] }, 'de', 'general');
    expect(general?.title).toBe('Allgemein');
    expect(fieldsOf(general)[1]?.value).toBe('Englisch (Vereinigte Staaten) (`en-US`)');
  });

  it('cuts a long template with the way to see it whole', () => {
    const view = configWith((c) => {
      c.notifications.templates.meeting_start = `${'Welcome! '.repeat(40)}{{joinUrl}}`;
    });
    const [embed] = configEmbeds(view, 'en-US', 'notifications');
    const field = fieldsOf(embed).find((f) => f.name.startsWith('Meeting started'));
    expect(field?.value).toContain('…`');
    expect(field?.value).toContain('`/kaltura-config-update template kind:meeting_start`');
    expect(field?.value.length).toBeLessThan(400);
  });

  it("stays within Discord's limits however much is configured, saying what was cut", () => {
    const view = configWith((c) => {
      for (let i = 0; i < 80; i++)
        c.roles.mapping[String(300000000000000000n + BigInt(i))] = 'viewerRole';
      for (const kind of Object.keys(
        c.notifications.templates,
      ) as (keyof typeof c.notifications.templates)[])
        c.notifications.templates[kind] = `{{title}} ${'x'.repeat(1400)}`;
    });
    const embeds = configEmbeds(view, 'en-US');
    expect(embeds.length).toBeLessThanOrEqual(discordLimits.embeds);
    expect(sizeOf(embeds)).toBeLessThanOrEqual(discordLimits.embedTotal);
    for (const embed of embeds) {
      expect(fieldsOf(embed).length).toBeLessThanOrEqual(discordLimits.fields);
      for (const field of fieldsOf(embed))
        expect(field.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
    }
    const [roles] = configEmbeds(view, 'en-US', 'roles');
    expect(fieldsOf(roles)[0]?.value).toMatch(/cut to fit Discord; view one section/);
    // Nothing left for Discord's own limits to cut silently.
    expect(fitEmbeds(embeds)).toEqual(embeds);
  });
});
