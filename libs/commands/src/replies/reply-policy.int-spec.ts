import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandDispatcher, type CommandInvocation, type Reply } from '@kd/discord';
import { createTestStream, snowflakeFor, testLogger, type TestStream } from '@kd/testing';
import { InteractionReservations } from '../interaction-reservations.js';
import { ReplyPolicy, type InteractionTransport } from './reply-policy.js';

let t: TestStream;
let policy: ReplyPolicy;
let interaction = 0;
const logger = testLogger('reply-policy');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const slowMs: Record<string, number> = {};
const optionsOf: Record<string, CommandInvocation['options']> = {
  'kaltura-start': { type: 'meeting', title: 'Sync' },
  'kaltura-config-reset': { section: 'all' },
};

const invocation = (
  commandName: string,
  interactionId = snowflakeFor(7000 + ++interaction),
): CommandInvocation => ({
  interactionId,
  applicationId: snowflakeFor(900),
  token: 'token',
  guildId: snowflakeFor(901),
  channelId: snowflakeFor(902),
  user: { id: snowflakeFor(903), username: 'ada', globalName: null },
  memberRoles: [],
  memberPermissions: '0',
  commandName,
  options: optionsOf[commandName] ?? {},
  locale: 'en-US',
  transport: 'gateway',
});

/** A transport that writes down what it was asked to send, in order. */
function recorder() {
  const sent: string[] = [];
  let delivered!: () => void;
  const followedUp = new Promise<void>((resolve) => (delivered = resolve));
  const transport: InteractionTransport<string> = {
    alreadyHandled: () => 'already handled',
    replyNow: (reply: Reply) => `reply: ${reply.content}`,
    defer: (ephemeral) => `defer${ephemeral ? ' (ephemeral)' : ''}`,
    followUp: async (reply) => {
      sent.push(`follow-up: ${reply.content}`);
      delivered();
    },
  };
  return { transport, sent, followedUp };
}

beforeAll(async () => {
  t = await createTestStream();
  const handler = (name: string) => async (): Promise<Reply> => {
    await sleep(slowMs[name] ?? 0);
    return { content: `${name} done`, ephemeral: name !== 'kaltura-start' };
  };
  const dispatcher = new CommandDispatcher({ logger, recordExecution: async () => undefined })
    .register('kaltura-list', handler('kaltura-list'))
    .register('kaltura-config-reset', handler('kaltura-config-reset'))
    .register('kaltura-start', handler('kaltura-start'));
  const reservations = new InteractionReservations(t, t.stream);
  policy = new ReplyPolicy({ dispatcher, reservations, logger, inlineBudgetMs: 200 });
});
afterAll(() => t?.cleanup());

describe('ReplyPolicy (both transports)', () => {
  it('answers a quick command inline', async () => {
    const { transport, sent } = recorder();
    expect(await policy.answer(invocation('kaltura-list'), transport)).toBe(
      'reply: kaltura-list done',
    );
    expect(sent).toEqual([]);
  });

  it('defers a command that is not done within the budget, then follows up', async () => {
    slowMs['kaltura-config-reset'] = 500;
    const { transport, sent, followedUp } = recorder();
    const first = await policy.answer(invocation('kaltura-config-reset'), transport);
    expect(first).toBe('defer (ephemeral)');
    await followedUp;
    expect(sent).toEqual(['follow-up: kaltura-config-reset done']);
  });

  it('defers a command whose definition says deferred at once, however quick', async () => {
    const { transport, sent, followedUp } = recorder();
    expect(await policy.answer(invocation('kaltura-start'), transport)).toBe('defer');
    await followedUp;
    expect(sent).toEqual(['follow-up: kaltura-start done']);
  });

  it('runs a changing command once per interaction, a read-only one again', async () => {
    const reset = invocation('kaltura-config-reset');
    slowMs['kaltura-config-reset'] = 0;
    expect(await policy.answer(reset, recorder().transport)).toBe(
      'reply: kaltura-config-reset done',
    );
    expect(await policy.answer(reset, recorder().transport)).toBe('already handled');
    const list = invocation('kaltura-list');
    await policy.answer(list, recorder().transport);
    expect(await policy.answer(list, recorder().transport)).toBe('reply: kaltura-list done');
  });
});
