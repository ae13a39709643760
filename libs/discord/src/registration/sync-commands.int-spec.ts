import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { REST } from '@discordjs/rest';
import { startDiscordRestFake, testLogger, type DiscordRestFake } from '@kd/testing';
import { defineCommand } from '../commands/command-definition.js';
import { commandDefinitions } from '../commands/command-set.js';
import { createDiscordRest } from '../rest/create-discord-rest.js';
import { syncCommands } from './sync-commands.js';

const app = '100000000000000100';
const logger = testLogger('sync-commands-spec');
let fake: DiscordRestFake;
let rest: REST;

beforeAll(async () => {
  fake = await startDiscordRestFake({ botToken: 'bot-token' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  rest = createDiscordRest({ token: 'bot-token', apiUrl: fake.apiUrl, logger });
});

const puts = () => fake.requestsTo('PUT', /\/commands$/);

describe('syncCommands', () => {
  it('registers the commands on the first run and leaves them alone on the next', async () => {
    expect(await syncCommands(rest, app, commandDefinitions, logger)).toEqual({ changed: true });
    expect(puts()).toHaveLength(1);
    expect(fake.commandsOf(app).map((c) => c.name)).toEqual(commandDefinitions.map((d) => d.name));

    expect(await syncCommands(rest, app, commandDefinitions, logger)).toEqual({ changed: false });
    expect(puts()).toHaveLength(1);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET']);
  });

  it('puts the whole set again when one command changed, dropping stale ones', async () => {
    const stale = defineCommand({
      name: 'kaltura-old',
      description: 'Gone in the next version',
      version: 1,
      deferred: false,
      ephemeral: true,
      readOnly: true,
      defaultMemberPermissions: null,
      options: {},
    });
    await syncCommands(rest, app, [...commandDefinitions, stale], logger);
    const [first, ...others] = commandDefinitions;
    const changed = [{ ...first, description: 'Start a meeting (new wording)' }, ...others];

    expect(await syncCommands(rest, app, changed, logger)).toEqual({ changed: true });
    const registered = fake.commandsOf(app);
    expect(registered.map((c) => c.name)).not.toContain('kaltura-old');
    expect(registered[0]?.description).toBe('Start a meeting (new wording)');
    expect(puts()).toHaveLength(2);
  });

  it('sends what Discord expects: required options first, choices, permissions, guild-only', async () => {
    await syncCommands(rest, app, commandDefinitions, logger);
    const body = puts()[0]?.body as Record<string, unknown>[];
    expect(body.find((c) => c.name === 'kaltura-start')).toEqual({
      type: 1,
      name: 'kaltura-start',
      name_localizations: expect.objectContaining({ de: 'kaltura-starten' }),
      description: 'Start a Kaltura meeting, webinar or classroom for this server',
      description_localizations: expect.objectContaining({ fr: expect.any(String) }),
      options: [
        {
          type: 3,
          name: 'type',
          name_localizations: expect.objectContaining({ 'es-ES': 'tipo' }),
          description: 'What kind of session',
          description_localizations: expect.objectContaining({ 'pt-BR': 'Que tipo de sessão' }),
          required: true,
          choices: [
            { name: 'Meeting', value: 'meeting', name_localizations: expect.any(Object) },
            { name: 'Webinar', value: 'webinar', name_localizations: expect.any(Object) },
            {
              name: 'Classroom',
              value: 'classroom',
              name_localizations: {
                de: 'Kursraum',
                'es-ES': 'Aula',
                'es-419': 'Aula',
                fr: 'Classe',
                'pt-BR': 'Sala de aula',
              },
            },
          ],
        },
        expect.objectContaining({ name: 'title', required: true, max_length: 100 }),
        expect.objectContaining({ name: 'description', max_length: 1000 }),
      ],
      default_member_permissions: null,
      contexts: [0],
      integration_types: [0],
    });
  });

  it('asks for the localizations and registers again when a translation changed', async () => {
    await syncCommands(rest, app, commandDefinitions, logger);
    const [list] = fake.requestsTo('GET', /\/commands$/);
    expect(list?.query).toEqual({ with_localizations: 'true' });
    const stored = fake.commandsOf(app).find((c) => c.name === 'kaltura-list');
    stored!.description_localizations = { de: 'Veraltete Übersetzung' };
    expect(await syncCommands(rest, app, commandDefinitions, logger)).toEqual({ changed: true });
    expect(fake.commandsOf(app).find((c) => c.name === 'kaltura-list')).toMatchObject({
      description_localizations: { de: 'Zeigt die aktiven Meetings dieses Servers' },
    });
  });

  it('can register for one server only', async () => {
    const guildId = '100000000000000200';
    await syncCommands(rest, app, commandDefinitions, logger, { guildId });
    expect(fake.commandsOf(app, guildId)).toHaveLength(commandDefinitions.length);
    expect(fake.commandsOf(app)).toEqual([]);
  });

  it('refuses to send a set that breaks Discord rules', async () => {
    const bad = [{ ...commandDefinitions[0], name: 'Kaltura Start' }];
    await expect(syncCommands(rest, app, bad, logger)).rejects.toMatchObject({
      code: 'DISCORD.INVALID_COMMANDS',
    });
    expect(fake.requests).toEqual([]);
  });
});
