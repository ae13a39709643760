import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  adminPermissions,
  buttonInteraction,
  modalSubmitInteraction,
  snowflakeFor,
  startApiStack,
  waitFor,
  type ApiStack,
  type ChildApp,
  type DiscordRestFake,
  type TestStream,
} from '@kd/testing';
import { commandInteraction, guildId, keys, owner, post } from './interaction-fixtures.js';

const ownChannel = snowflakeFor(9_402);
const mappedRole = snowflakeFor(9_403);
const otherAdmin = { id: snowflakeFor(9_404), username: 'cleo', global_name: null };

interface Component {
  type: number;
  custom_id?: string;
  value?: string;
  components?: Component[];
}
interface Body {
  type: number;
  data?: {
    content?: string;
    flags?: number;
    custom_id?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    components?: Component[];
    choices?: { name: string; value: string }[];
  };
}

/** The settings commands over the signed endpoint: embeds, typed options, modal, buttons. */
describe('settings people can read and change, over POST /interactions', () => {
  let t: TestStream;
  let discord: DiscordRestFake;
  let api: ChildApp;
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack({ keys });
    ({ t, discord, api } = stack);
    discord.registerChannel(guildId, ownChannel);
  });
  afterAll(() => stack?.stop());

  async function send(interaction: unknown): Promise<Body> {
    const response = await post(api.url, interaction);
    expect(response.status).toBe(200);
    return (await response.json()) as Body;
  }
  const configEvents = async () =>
    (await t.store.readAggregate('config', guildId)).map((r) => r.event);
  const executedOf = (interaction: { id: string }) =>
    waitFor(async () => (await t.store.readAggregate('command', interaction.id))[0]?.event);
  const customIds = (body: Body) =>
    (body.data?.components ?? []).flatMap((row) => row.components ?? []).map((c) => c.custom_id);
  const update = (options: Record<string, string | number | boolean>) =>
    send(commandInteraction('kaltura-config-update', options));

  it('shows the defaults as an embed per section, privately', async () => {
    const body = await send(commandInteraction('kaltura-config-view'));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/^All settings are the defaults\./);
    expect(body.data?.embeds?.map((e) => e.title)).toEqual([
      'General',
      'Notifications',
      'Commands',
      'Roles',
      'Features',
    ]);
    expect(JSON.stringify(body.data?.embeds)).not.toContain('✎');
  });

  it('changes a channel, a role, a switch and the general settings through typed options', async () => {
    const channel = await update({
      subcommand: 'channel',
      kind: 'meeting_end',
      channel: ownChannel,
    });
    expect(channel.data?.content).toBe('Updated: `notifications.channels.meeting_end`.');
    const role = await update({ subcommand: 'role', role: mappedRole, kaltura_role: 'adminRole' });
    expect(role.data?.content).toBe(`Updated: \`roles.mapping.${mappedRole}\`.`);
    const off = await update({ subcommand: 'switch', key: 'features.recordings', value: false });
    expect(off.data?.content).toBe('Updated: `features.recordings`.');
    const general = await update({
      subcommand: 'general',
      timezone: 'Europe/Berlin',
      locale: 'de',
      reminder_minutes: 30,
    });
    expect(general.data?.content).toBe(
      'Updated: `general.timezone`, `general.locale`, `notifications.reminder_minutes`.',
    );
    const again = await update({ subcommand: 'switch', key: 'features.recordings', value: false });
    expect(again.data?.content).toBe('`features.recordings`: already like that; nothing changed.');

    expect((await configEvents()).map((e) => [e.type, e.payload])).toEqual([
      [
        'config.updated',
        expect.objectContaining({
          key: 'notifications.channels.meeting_end',
          newValue: ownChannel,
        }),
      ],
      [
        'config.updated',
        expect.objectContaining({ key: `roles.mapping.${mappedRole}`, newValue: 'adminRole' }),
      ],
      ['config.updated', expect.objectContaining({ key: 'features.recordings', newValue: false })],
      [
        'config.updated',
        expect.objectContaining({ key: 'general.timezone', newValue: 'Europe/Berlin' }),
      ],
      ['config.updated', expect.objectContaining({ key: 'general.locale', newValue: 'de' })],
      [
        'config.updated',
        expect.objectContaining({ key: 'notifications.reminder_minutes', newValue: 30 }),
      ],
    ]);
  });

  it('marks the changes in the view, in the member’s language', async () => {
    const view = {
      ...commandInteraction('kaltura-config-view', { section: 'roles' }),
      locale: 'de',
    };
    const body = await send(view);
    expect(body.data?.content).toMatch(/^1 Einstellung weicht vom Standard ab/);
    expect(body.data?.embeds?.[0]?.title).toBe('Rollen');
    expect(body.data?.embeds?.[0]?.fields?.[0]).toEqual({
      name: 'Discord-Rollen → Kaltura-Rollen · ✎ geändert',
      value: `<@&${mappedRole}> → Moderator`,
    });
  });

  it('refuses a switch that is not on/off and a general update without options, changing nothing', async () => {
    const before = (await configEvents()).length;
    const notSwitch = await update({ subcommand: 'switch', key: 'general.timezone', value: true });
    expect(notSwitch.data?.content).toMatch(/general\.timezone is not an on\/off setting/);
    const empty = await update({ subcommand: 'general' });
    expect(empty.data?.content).toMatch(/at least one of timezone, locale or reminder_minutes/);
    expect((await configEvents()).length).toBe(before);
  });

  it('suggests switches and time zones from the catalog while typing', async () => {
    const typed = (sub: string, name: string, value: string) => {
      const base = commandInteraction('kaltura-config-update');
      return {
        ...base,
        type: 4,
        data: {
          ...base.data,
          options: [{ name: sub, type: 1, options: [{ name, type: 3, value, focused: true }] }],
        },
      };
    };
    const switches = await send(typed('switch', 'key', 'record'));
    expect(switches.type).toBe(8);
    expect(switches.data?.choices?.map((c) => c.value).sort()).toEqual([
      'features.recordings',
      'notifications.types.recording_ready',
    ]);
    const zones = await send(typed('general', 'timezone', 'berl'));
    expect(zones.data?.choices?.map((c) => c.value)).toContain('Europe/Berlin');
  });

  it('edits a template in a modal, previews it from a sample meeting, and records it only on Save', async () => {
    const open = await send(
      commandInteraction('kaltura-config-update', {
        subcommand: 'template',
        kind: 'meeting_start',
      }),
    );
    expect(open.type).toBe(9);
    expect(open.data?.custom_id).toBe('kd1:template:meeting_start');
    const input = open.data?.components?.[0]?.components?.[0];
    expect(input).toEqual(expect.objectContaining({ type: 4, custom_id: 'template', style: 2 }));
    expect(input?.value).toContain('{{joinUrl}}');

    const before = (await configEvents()).length;
    const text = '🎉 **{{title}}** is live, opened by {{startedBy}}: {{joinUrl}}';
    const submitted = modalSubmitInteraction('kd1:template:meeting_start', { template: text });
    const preview = await send(submitted);
    expect(preview.type).toBe(4);
    expect(preview.data?.flags).toBe(64);
    expect(preview.data?.embeds?.[0]?.description).toBe(
      '🎉 **Weekly sync** is live, opened by Alex: https://example.com/join/m0sample0001',
    );
    expect(customIds(preview)).toEqual([
      `kd1:template-ok:${submitted.id}`,
      `kd1:template-no:${submitted.id}`,
    ]);
    expect((await configEvents()).length).toBe(before);
    expect((await executedOf(submitted)).payload).toMatchObject({
      command: 'kaltura-config-update',
      via: 'modal',
      outcome: 'ok',
    });

    const save = buttonInteraction(`kd1:template-ok:${submitted.id}`, owner, adminPermissions);
    const saved = await send(save);
    expect(saved.type).toBe(7);
    expect(saved.data?.content).toBe('Saved the text for “Meeting started”.');
    expect(saved.data?.components).toEqual([]);
    expect((await configEvents()).at(-1)).toMatchObject({
      type: 'config.updated',
      payload: { key: 'notifications.templates.meeting_start', newValue: text },
    });
    expect((await executedOf(save)).payload).toMatchObject({
      command: 'kaltura-config-update',
      via: 'button',
      outcome: 'ok',
    });
    // Used once: pressing Save again is a stale button.
    const twice = await send(
      buttonInteraction(`kd1:template-ok:${submitted.id}`, owner, adminPermissions),
    );
    expect(twice.data?.content).toMatch(/These buttons have expired/);
  });

  it.each([
    ['an unknown placeholder', 'Hi {{nobody}}', /unknown placeholder \{\{nobody\}\}/],
    ['a text over the limit', 'x'.repeat(1600), /at most 1500 characters/],
  ])('refuses %s in the editor with a clear private answer', async (_, text, reason) => {
    const before = (await configEvents()).length;
    const submitted = modalSubmitInteraction('kd1:template:meeting_end', { template: text });
    const body = await send(submitted);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(reason);
    expect(customIds(body)).toEqual([]);
    expect((await executedOf(submitted)).payload).toMatchObject({
      via: 'modal',
      outcome: 'invalid',
      errorCode: 'CONFIG.INVALID_VALUE',
    });
    expect((await configEvents()).length).toBe(before);
  });

  it('resets only when the member who asked confirms, and Cancel changes nothing', async () => {
    const ask = () => send(commandInteraction('kaltura-config-reset', { section: 'roles' }));
    const first = await ask();
    expect(first.data?.content).toBe(
      'Reset Roles to the defaults? 1 setting will change, and this cannot be undone.',
    );
    const [confirm, cancel] = customIds(first);
    expect(confirm).toMatch(/^kd1:reset-ok:\d+$/);
    const canceled = await send(buttonInteraction(cancel ?? '', owner, adminPermissions));
    expect(canceled).toMatchObject({
      type: 7,
      data: { content: 'Nothing was reset.', components: [] },
    });
    const afterCancel = await send(buttonInteraction(confirm ?? '', owner, adminPermissions));
    expect(afterCancel.data?.content).toMatch(
      /These buttons have expired \(they last 10 minutes\)/,
    );

    const [again] = customIds(await ask());
    const foreign = await send(buttonInteraction(again ?? '', otherAdmin, adminPermissions));
    expect(foreign.type).toBe(4);
    expect(foreign.data?.content).toMatch(
      /Only the member who ran the command can use these buttons\.\n-# COMPONENT\.NOT_YOURS/,
    );
    expect((await configEvents()).some((e) => e.type === 'config.reset')).toBe(false);

    const press = buttonInteraction(again ?? '', owner, adminPermissions);
    const done = await send(press);
    expect(done).toMatchObject({ type: 7, data: { content: 'Reset Roles to the defaults.' } });
    expect((await configEvents()).at(-1)).toMatchObject({
      type: 'config.reset',
      payload: { section: 'roles', actorUserId: owner.id },
    });
    expect((await executedOf(press)).payload).toMatchObject({
      command: 'kaltura-config-reset',
      via: 'button',
      outcome: 'ok',
    });
    const nothingLeft = await ask();
    expect(nothingLeft.data?.content).toBe(
      'Roles: already the default settings; nothing to reset.',
    );
  });

  it('answers a button it never made, or one of another version, clearly', async () => {
    const unknown = await send(
      buttonInteraction(`kd1:reset-ok:${snowflakeFor(9_499)}`, owner, adminPermissions),
    );
    expect(unknown.data?.content).toMatch(/These buttons have expired/);
    expect(unknown.data?.flags).toBe(64);
    const old = await send(buttonInteraction('kd0:reset-ok:1', owner, adminPermissions));
    expect(old.data?.content).toMatch(/no longer valid/);
  });
});
