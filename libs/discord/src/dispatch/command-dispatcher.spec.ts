import { beforeEach, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { eventCatalog, KdError } from '@kd/events';
import { testLogger } from '@kd/testing';
import type { CommandInvocation } from '../interactions/command-invocation.js';
import { ids } from '../interactions/interaction.fixture.js';
import { CommandDispatcher } from './command-dispatcher.js';
import { toCommandExecutedPayload, type ExecutionRecord } from './execution-record.js';

const invocation = (over: Partial<CommandInvocation> = {}): CommandInvocation => ({
  interactionId: ids.interaction,
  applicationId: ids.application,
  token: 'interaction-token',
  guildId: ids.guild,
  channelId: ids.channel,
  user: { id: ids.user, username: 'ada', globalName: null },
  memberRoles: [],
  memberPermissions: '0',
  commandName: 'kaltura-start',
  options: { type: 'webinar', title: '  Weekly sync  ' },
  locale: 'en-US',
  transport: 'http',
  ...over,
});

let registry: Registry;
let records: ExecutionRecord[];
let calls: unknown[];
let dispatcher: CommandDispatcher;

async function counter(labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric('kd_commands_total')!.get();
  const match = (l: Record<string, unknown>) =>
    Object.entries(labels).every(([k, v]) => l[k] === v);
  return metric.values.find((v) => match(v.labels))?.value ?? 0;
}

async function durationCount(command: string): Promise<number> {
  const metric = await registry.getSingleMetric('kd_command_duration_seconds')!.get();
  const sample = metric.values.find(
    (v) =>
      v.labels.command === command && 'metricName' in v && String(v.metricName).endsWith('_count'),
  );
  return sample?.value ?? 0;
}

beforeEach(() => {
  registry = new Registry();
  records = [];
  calls = [];
  dispatcher = new CommandDispatcher({
    logger: testLogger('dispatcher-spec'),
    registry,
    recordExecution: async (_, record) => void records.push(record),
  }).register('kaltura-start', async (_, { options }) => {
    calls.push(options);
    return { content: `Started **${options.title}** (${options.type})`, ephemeral: false };
  });
});

describe('CommandDispatcher', () => {
  it('runs the handler with checked options, counts and times it, and reports ok', async () => {
    const result = await dispatcher.dispatch(invocation());
    expect(calls).toEqual([{ type: 'webinar', title: 'Weekly sync' }]);
    expect(result).toMatchObject({ outcome: 'ok', errorCode: null, recorded: true });
    expect(result.reply.content).toBe('Started **Weekly sync** (webinar)');
    expect(records).toEqual([
      {
        command: 'kaltura-start',
        commandVersion: 1,
        options: { type: 'webinar', title: '  Weekly sync  ' },
        outcome: 'ok',
        errorCode: null,
        durationMs: result.durationMs,
      },
    ]);
    expect(await counter({ command: 'kaltura-start', outcome: 'ok', transport: 'http' })).toBe(1);
    expect(await durationCount('kaltura-start')).toBe(1);
  });

  it('refuses a bad option as invalid with a human message, without calling the handler', async () => {
    const result = await dispatcher.dispatch(
      invocation({ options: { type: 'meeting', title: 'x'.repeat(101) } }),
    );
    expect(calls).toEqual([]);
    expect(result).toMatchObject({ outcome: 'invalid', errorCode: 'COMMAND.INVALID_OPTION' });
    expect(result.reply).toEqual({
      content: '❌ `title` must be at most 100 characters.\n-# COMMAND.INVALID_OPTION',
      ephemeral: true,
    });
    expect(records[0]?.options.title).toHaveLength(100);
    expect(await counter({ command: 'kaltura-start', outcome: 'invalid' })).toBe(1);
  });

  it('reports an unknown command as invalid under the bounded label "unknown"', async () => {
    const result = await dispatcher.dispatch(invocation({ commandName: 'kaltura-dance' }));
    expect(result).toMatchObject({ outcome: 'invalid', errorCode: 'COMMAND.UNKNOWN' });
    expect(records[0]).toMatchObject({ command: 'kaltura-dance', commandVersion: 1 });
    expect(await counter({ command: 'unknown', outcome: 'invalid' })).toBe(1);
  });

  it('denies when authorize refuses, before the options are looked at', async () => {
    const denying = new CommandDispatcher({
      logger: testLogger('dispatcher-spec'),
      registry,
      recordExecution: async (_, record) => void records.push(record),
      authorize: async (_, command) => {
        throw new KdError('PERMISSION.DENIED', `/${command} needs Manage Events.`, 'permission');
      },
    }).register('kaltura-start', async () => ({ content: 'no', ephemeral: false }));
    const result = await denying.dispatch(invocation({ options: {} }));
    expect(result).toMatchObject({ outcome: 'denied', errorCode: 'PERMISSION.DENIED' });
    expect(result.reply.content).toContain('/kaltura-start needs Manage Events.');
    expect(await counter({ command: 'kaltura-start', outcome: 'denied' })).toBe(1);
  });

  it('denies a command used in a DM', async () => {
    const result = await dispatcher.dispatch(invocation({ guildId: null }));
    expect(result).toMatchObject({ outcome: 'denied', errorCode: 'COMMAND.GUILD_ONLY' });
  });

  it.each([
    [
      'a KdError',
      new KdError('KALTURA.UNAVAILABLE', 'down', 'unavailable'),
      'KALTURA.UNAVAILABLE',
      'error',
    ],
    [
      'a not-found KdError',
      new KdError('MEETING.NOT_FOUND', 'gone', 'not_found'),
      'MEETING.NOT_FOUND',
      'invalid',
    ],
    [
      'a conflict KdError',
      new KdError('MEETING.ALREADY_ENDED', 'ended', 'conflict'),
      'MEETING.ALREADY_ENDED',
      'invalid',
    ],
    ['any other error', new Error('boom'), 'INTERNAL.ERROR', 'error'],
  ] as const)(
    'turns %s thrown by the handler into an error reply, outcome %s',
    async (_, error, code, outcome) => {
      dispatcher.register('kaltura-start', async () => {
        throw error;
      });
      const result = await dispatcher.dispatch(invocation());
      expect(result).toMatchObject({ outcome, errorCode: code });
      expect(result.reply.ephemeral).toBe(true);
      expect(result.reply.content).toContain(`-# ${code}`);
      expect(await counter({ command: 'kaltura-start', outcome })).toBe(1);
    },
  );

  it('reports a defined command without a handler as an error', async () => {
    const result = await dispatcher.dispatch(
      invocation({ commandName: 'kaltura-list', options: {} }),
    );
    expect(result).toMatchObject({ outcome: 'error', errorCode: 'COMMAND.NOT_IMPLEMENTED' });
  });

  it('labels the transport that delivered the command', async () => {
    await dispatcher.dispatch(invocation({ transport: 'gateway' }));
    expect(await counter({ command: 'kaltura-start', outcome: 'ok', transport: 'gateway' })).toBe(
      1,
    );
    expect(await counter({ command: 'kaltura-start', outcome: 'ok', transport: 'http' })).toBe(0);
  });

  it('still returns the reply when recording fails', async () => {
    const failing = new CommandDispatcher({
      logger: testLogger('dispatcher-spec'),
      recordExecution: async () => {
        throw new Error('NATS down');
      },
    }).register('kaltura-start', async () => ({ content: 'started', ephemeral: false }));
    const result = await failing.dispatch(invocation());
    expect(result).toMatchObject({ outcome: 'ok', recorded: false });
    expect(result.reply.content).toBe('started');
  });

  it('tells the endpoint which commands defer and which answer ephemerally', () => {
    expect(dispatcher.responseModeOf('kaltura-start')).toEqual({
      deferred: true,
      ephemeral: false,
    });
    expect(dispatcher.responseModeOf('kaltura-config-view')).toEqual({
      deferred: false,
      ephemeral: true,
    });
    expect(dispatcher.responseModeOf('kaltura-dance')).toEqual({
      deferred: false,
      ephemeral: true,
    });
  });

  it('suggests at most 25 autocomplete choices and nothing when the lookup fails', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `m${i}`, value: `m${i}` }));
    dispatcher
      .registerAutocomplete('kaltura-join', async () => many)
      .registerAutocomplete('kaltura-end', async () => {
        throw new Error('database down');
      });
    const typing = { ...invocation(), focused: { name: 'meeting-id', value: 'm' } };
    expect(await dispatcher.autocomplete({ ...typing, commandName: 'kaltura-join' })).toHaveLength(
      25,
    );
    expect(await dispatcher.autocomplete({ ...typing, commandName: 'kaltura-end' })).toEqual([]);
    expect(await dispatcher.autocomplete({ ...typing, commandName: 'kaltura-list' })).toEqual([]);
  });

  it('reports what makes a valid command.executed payload', async () => {
    const recorded: [CommandInvocation, ExecutionRecord][] = [];
    const recording = new CommandDispatcher({
      logger: testLogger('dispatcher-spec'),
      recordExecution: async (inv, record) => void recorded.push([inv, record]),
    });
    await recording.dispatch(invocation({ options: { type: 'meeting', title: 't'.repeat(300) } }));
    await recording.dispatch(invocation({ commandName: 'kaltura-dance' }));
    for (const [inv, record] of recorded) {
      const payload = toCommandExecutedPayload(inv, record);
      expect(eventCatalog['command.executed'].schema.safeParse(payload).success).toBe(true);
    }
  });

  it('runs a button press as the command it stands for, ephemerally, recorded with via "button"', async () => {
    const result = await dispatcher.dispatch(invocation({ via: 'button' }));
    expect(result).toMatchObject({ outcome: 'ok', reply: { ephemeral: true } });
    expect(records[0]).toMatchObject({ command: 'kaltura-start', via: 'button' });
    const payload = toCommandExecutedPayload(invocation({ via: 'button' }), records[0]!);
    expect(payload.via).toBe('button');
    expect(eventCatalog['command.executed'].schema.safeParse(payload).success).toBe(true);
    expect(dispatcher.responseModeOf('kaltura-start', 'button')).toEqual({
      deferred: true,
      ephemeral: true,
    });
  });

  it('answers a button it did not make with COMPONENT.INVALID, recorded as invalid', async () => {
    const result = await dispatcher.dispatch(
      invocation({ via: 'button', commandName: 'unknown', options: {} }),
    );
    expect(result).toMatchObject({ outcome: 'invalid', errorCode: 'COMPONENT.INVALID' });
    expect(result.reply.ephemeral).toBe(true);
    expect(result.reply.content).toContain('no longer valid');
    expect(records[0]).toMatchObject({ command: 'unknown', via: 'button', outcome: 'invalid' });
    expect(calls).toEqual([]);
  });

  it('never lets a public reply carry a join link: REPLY.SECRET_IN_PUBLIC, answered privately', async () => {
    const link = 'https://100.kaf.kaltura.com/virtualEvent/launch?ks=djJ8MTAwfGFiY2RlZmdoaWprbG1u';
    dispatcher.register('kaltura-start', async () => ({
      ephemeral: false,
      content: 'started',
      followUps: [{ ephemeral: false, content: `join: ${link}` }],
    }));
    const result = await dispatcher.dispatch(invocation());
    expect(result).toMatchObject({ outcome: 'error', errorCode: 'REPLY.SECRET_IN_PUBLIC' });
    expect(result.reply.ephemeral).toBe(true);
    expect(JSON.stringify(result.reply)).not.toContain('djJ8');
    dispatcher.register('kaltura-start', async () => ({
      ephemeral: false,
      content: 'started',
      followUps: [{ ephemeral: true, content: `join: ${link}` }],
    }));
    expect((await dispatcher.dispatch(invocation())).outcome).toBe('ok');
  });

  describe('reply locale', () => {
    const localeSeen = async (over: Partial<CommandInvocation>) => {
      let seen: string | undefined;
      dispatcher.register('kaltura-start', async (_, { locale }) => {
        seen = locale;
        return { content: 'ok', ephemeral: false };
      });
      await dispatcher.dispatch(invocation(over));
      return seen;
    };

    it.each([
      [{ locale: 'de', guildLocale: 'fr' }, 'de'],
      [{ locale: 'es-419', guildLocale: 'en-US' }, 'es-ES'],
      [{ locale: null, guildLocale: 'pt-BR' }, 'pt-BR'],
      [{ locale: 'ja', guildLocale: 'fr' }, 'fr'],
      [{ locale: 'ja', guildLocale: 'ko' }, 'en-US'],
      [{ locale: null }, 'en-US'],
    ] as const)('%j: the handler answers in %s', async (over, expected) => {
      expect(await localeSeen(over)).toBe(expected);
    });

    it('answers a German member in German, an unknown locale in English, and never fails', async () => {
      const deny = async (locale: string) =>
        new CommandDispatcher({
          logger: testLogger('dispatcher-spec'),
          recordExecution: async () => undefined,
          authorize: async () => {
            throw new KdError('PERMISSION.DENIED', '/kaltura-start is disabled.', 'permission', {
              details: { command: 'kaltura-start', reason: 'command_disabled', required: [] },
            });
          },
        }).dispatch(invocation({ locale, guildLocale: null }));
      const german = await deny('de');
      expect(german.reply.content).toBe(
        '❌ /kaltura-start ist auf diesem Server deaktiviert.\n-# PERMISSION.DENIED',
      );
      const japanese = await deny('ja');
      expect(japanese.outcome).toBe('denied');
      expect(japanese.reply.content).toBe(
        '❌ /kaltura-start is disabled on this server.\n-# PERMISSION.DENIED',
      );
    });

    it('localizes the refusal of a bad option and of an old button', async () => {
      const bad = await dispatcher.dispatch(
        invocation({ locale: 'fr', options: { type: 'meeting', title: 'x'.repeat(101) } }),
      );
      expect(bad.reply.content).toBe(
        '❌ Certaines options ne sont pas valides : `title` must be at most 100 characters.\n-# COMMAND.INVALID_OPTION',
      );
      const button = await dispatcher.dispatch(
        invocation({ locale: 'pt-BR', via: 'button', commandName: 'unknown', options: {} }),
      );
      expect(button.reply.content).toContain('Este botão não é mais válido.');
    });
  });
});
