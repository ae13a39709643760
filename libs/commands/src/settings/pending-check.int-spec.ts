import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CommandInvocation, ComponentPress } from '@kd/discord';
import { createTestStream, type TestStream } from '@kd/testing';
import { PendingChanges, pendingValidForMs } from './pending-changes.js';
import { pendingFor } from './pending-check.js';
import type { SettingsContext } from './settings-context.js';

const guildId = '100000000000000901';
const asker = '100000000000000903';
const shownAt = new Date('2026-12-28T00:00:00Z'); // a Monday of ISO week 53

describe('a Confirm/Save press acts on its pending change only when it may', () => {
  let t: TestStream;
  let pending: PendingChanges;

  beforeAll(async () => {
    t = await createTestStream();
    pending = new PendingChanges({ js: t.js }, t.stream);
    await pending.put(
      '1111',
      { action: 'reset', section: 'roles' },
      {
        guildId,
        userId: asker,
        now: shownAt,
      },
    );
  });
  afterAll(() => t?.cleanup());

  const press = (userId: string, id = '1111') =>
    ({
      user: { id: userId, username: 'x', globalName: null },
      component: { action: 'reset-ok', id, fields: {} },
    }) as unknown as CommandInvocation & { component: ComponentPress };
  const at = (msAfter: number, guild = guildId): SettingsContext => ({
    guildId: guild,
    locale: 'en-US',
    actor: { kind: 'user', id: asker },
    correlationId: 'c',
    now: new Date(shownAt.getTime() + msAfter),
    t: (key) => key,
  });
  const check = (userId: string, ctx: SettingsContext, id?: string) =>
    pendingFor({ pendingChanges: pending }, press(userId, id), ctx, 'reset');

  it('gives the asker, in the same guild, within the window, the pending reset', async () => {
    await expect(check(asker, at(pendingValidForMs))).resolves.toMatchObject({
      action: 'reset',
      section: 'roles',
      guildId,
      userId: asker,
    });
  });

  it('refuses after the window, from another guild, for another action or a missing change', async () => {
    const expired = expect.objectContaining({ code: 'COMPONENT.EXPIRED' });
    await expect(check(asker, at(pendingValidForMs + 1))).rejects.toEqual(expired);
    await expect(check(asker, at(0, '100000000000000999'))).rejects.toEqual(expired);
    await expect(check(asker, at(0), '2222')).rejects.toEqual(expired);
    await expect(
      pendingFor({ pendingChanges: pending }, press(asker), at(0), 'template'),
    ).rejects.toEqual(expired);
  });

  it('refuses another member', async () => {
    await expect(check('100000000000000904', at(0))).rejects.toEqual(
      expect.objectContaining({ code: 'COMPONENT.NOT_YOURS', category: 'permission' }),
    );
  });
});
