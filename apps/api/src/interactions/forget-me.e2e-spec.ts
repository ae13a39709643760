import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buttonInteraction,
  memberPermissions,
  snowflakeFor,
  startApiStack,
  waitFor,
  type ApiStack,
  firstOriginalEdit,
} from '@kd/testing';
import { EventStore, PersonKeys } from '@kd/event-store';
import { commandInteraction, keys, member, post } from './interaction-fixtures.js';

interface Body {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    components?: { components?: { custom_id?: string; label?: string }[] }[];
  };
}

const stranger = { id: snowflakeFor(9_611), username: 'mallory', global_name: null };

/** `/kaltura-forget-me` over the signed endpoint: the question, its two buttons, the forget. */
describe('/kaltura-forget-me with Confirm / Cancel, over POST /interactions', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys, projectorEnv: {} });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The final answer: inline (4, 7) or, after a deferral (5, 6), the follow-up to Discord. */
  async function send(interaction: { token: string }): Promise<Body> {
    const response = await post(stack.api.url, interaction);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    if (body.type !== 5 && body.type !== 6) return body;
    if (body.type === 5) expect(body.data?.flags).toBe(64);
    const followUp = await firstOriginalEdit(stack.discord, interaction);
    return { type: body.type, data: followUp.body as Body['data'] };
  }
  const ask = async (locale?: 'de') => {
    const body = await send(
      commandInteraction('kaltura-forget-me', {}, member, memberPermissions, locale),
    );
    const buttons = (body.data?.components ?? []).flatMap((row) => row.components ?? []);
    return { body, buttons, ids: buttons.map((b) => b.custom_id ?? '') };
  };
  /** The member's commands as a reader that starts now reads them (no key cached from before). */
  const storedText = async () => {
    const { t } = stack;
    const reader = new EventStore({
      nats: t,
      stream: t.stream,
      subjectPrefix: t.subjectPrefix,
      personKeys: new PersonKeys({ nats: t, stream: t.stream }),
    });
    const executed = await t.eventsOfType('command.executed');
    const ids = executed.map((e) => (e.payload as { interactionId: string }).interactionId);
    return JSON.stringify(await Promise.all(ids.map((id) => reader.readAggregate('command', id))));
  };

  it('asks privately, lets only that member answer, cancels, then forgets on Confirm', async () => {
    // Something to forget: the member used a command.
    expect(
      (await post(stack.api.url, commandInteraction('kaltura-list', {}, member, memberPermissions)))
        .status,
    ).toBe(200);
    await waitFor(async () => (await storedText()).includes(member.id));

    const question = await ask('de');
    expect(question.body.data?.content).toMatch(/kann nicht rückgängig gemacht werden|rückgängig/);
    expect(question.buttons.map((b) => b.label)).toHaveLength(2);
    const [confirm, cancel] = question.ids;
    expect(confirm).toMatch(/^kd1:forget:/);
    expect(cancel).toMatch(/^kd1:forget-cancel:/);

    const foreign = await send(buttonInteraction(confirm!, stranger, memberPermissions));
    expect(foreign.data?.content).toMatch(/COMPONENT\.NOT_YOURS/);
    expect(await storedText()).toContain(member.id);

    const canceled = await send(buttonInteraction(cancel!, member, memberPermissions));
    expect(canceled.data?.content).toBe('Nothing was deleted.');
    expect(await storedText()).toContain(member.id);

    const [confirmAgain] = (await ask()).ids;
    const done = await send(buttonInteraction(confirmAgain!, member, memberPermissions));
    expect(done.data?.content).toMatch(/^Done: this app no longer knows you\./);
    await waitFor(async () => !(await storedText()).includes(member.id));
    const forgotten = await stack.t.eventsOfType('person.forgotten');
    expect(forgotten).toHaveLength(1);
    expect(JSON.stringify(forgotten)).not.toContain(member.id);

    // Straight to yes (no question, which would itself be a new command of theirs): nothing left.
    const nothing = await send(
      commandInteraction('kaltura-forget-me', { confirm: 'yes' }, member, memberPermissions),
    );
    expect(nothing.data?.content).toMatch(/keeps nothing about you/);
    expect(await stack.t.eventsOfType('person.forgotten')).toHaveLength(1);
  });
});
