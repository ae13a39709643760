import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { decodeEvent, prepareForAppend } from '../codec.js';
import { newEvent } from '../create-event.js';
import type { KeyState, PersonKeyring } from './person-keyring.js';
import { personsIn, sealEvent } from './protect-event.js';
import { parseSealed, seal, type PersonKey } from './sealed-value.js';
import { definitionOf } from '../codec.js';

const ada = '100000000000000001';
const bob = '100000000000000002';
const guild = '200000000000000001';

function keyringOf(states: Map<string, KeyState>): PersonKeyring {
  return {
    stateOf: (kid) => states.get(kid),
    ensure: () => Promise.resolve(),
    keyFor: () => Promise.reject(new Error('not used')),
    noteForgetting: () => undefined,
  };
}

const keyOf = (): PersonKey => ({
  kid: randomBytes(16).toString('base64url'),
  secret: randomBytes(32),
});

function storedJoin(key: PersonKey, userId = ada) {
  const event = prepareForAppend(
    newEvent(
      'meeting.join_link_issued',
      { meetingId: 'm1', userId, kalturaRole: 'viewerRole' },
      { actor: { kind: 'user', id: userId }, correlationId: 'c1', guildId: guild },
    ),
    new Date('2026-01-05T00:00:00.000Z'),
  );
  return sealEvent(event, definitionOf(event.type).personal, () => key);
}

describe('personal fields', () => {
  it('derives the sealed fields of a type from its personal() markers', () => {
    expect(definitionOf('command.executed').personal).toEqual(['userId']);
    expect(definitionOf('meeting.participant_joined').personal).toEqual(['participantId']);
    expect(definitionOf('guild.installed').personal).toEqual([]);
  });

  it('writes no Discord id in clear and reads the clear value back while the key lives', () => {
    const key = keyOf();
    const stored = storedJoin(key);
    expect(JSON.stringify(stored)).not.toContain(ada);
    const read = decodeEvent(
      stored,
      keyringOf(new Map([[key.kid, { state: 'live', secret: key.secret }]])),
    );
    expect(read.payload).toMatchObject({ userId: ada });
    expect(read.actor.id).toBe(ada);
  });

  it('reads a stable forgotten placeholder once the key is destroyed, distinct per value', () => {
    const key = keyOf();
    const states = keyringOf(new Map([[key.kid, { state: 'destroyed' }]]));
    const first = decodeEvent(storedJoin(key), states);
    const again = decodeEvent(storedJoin(key), states);
    const other = decodeEvent(storedJoin(key, bob), states);
    expect(first.payload).toMatchObject({ userId: expect.stringMatching(/^forgotten:/) });
    expect((again.payload as { userId: string }).userId).toBe(
      (first.payload as { userId: string }).userId,
    );
    expect((other.payload as { userId: string }).userId).not.toBe(
      (first.payload as { userId: string }).userId,
    );
  });

  it('shows a key being forgotten as forgotten except in person.forgotten itself', () => {
    const key = keyOf();
    const states = keyringOf(new Map([[key.kid, { state: 'forgetting', secret: key.secret }]]));
    expect(decodeEvent(storedJoin(key), states).payload).toMatchObject({
      userId: expect.stringMatching(/^forgotten:/),
    });
  });

  it('stops showing a value it opened before once its key is being forgotten or destroyed', () => {
    const key = keyOf();
    const stored = JSON.parse(JSON.stringify(storedJoin(key, bob))) as unknown;
    const states = new Map<string, KeyState>([[key.kid, { state: 'live', secret: key.secret }]]);
    const read = () => decodeEvent(JSON.parse(JSON.stringify(stored)), keyringOf(states));
    expect(read().payload).toMatchObject({ userId: bob });
    expect(read().actor.id).toBe(bob);
    states.set(key.kid, { state: 'forgetting', secret: key.secret });
    expect(read().payload).toMatchObject({ userId: expect.stringMatching(/^forgotten:/) });
    states.set(key.kid, { state: 'destroyed' });
    expect(read().actor.id).toMatch(/^forgotten:/);
    expect(JSON.stringify(read())).not.toContain(bob);
  });

  it('refuses a sealed value whose key was not loaded, and one that was altered', () => {
    const key = keyOf();
    expect(() => decodeEvent(storedJoin(key), keyringOf(new Map()))).toThrow('was not loaded');
    const sealed = seal(key, ada);
    const parts = parseSealed(sealed)!;
    const altered = {
      ...storedJoin(key),
      payload: {
        meetingId: 'm1',
        kalturaRole: 'x',
        userId: sealed.replace(parts.tag, 'A'.repeat(22)),
      },
    };
    expect(() =>
      decodeEvent(altered, keyringOf(new Map([[key.kid, { state: 'live', secret: key.secret }]]))),
    ).toThrow('does not open');
  });

  it('seals only values that name a Discord person', () => {
    const event = {
      type: 'meeting.ended',
      actor: { kind: 'kaltura', id: 'kaltura' },
      payload: { meetingId: 'm', endedBy: 'kaltura' },
    };
    expect(personsIn(event, ['endedBy'])).toEqual([]);
    expect(
      personsIn({ ...event, payload: { participantId: `discord:${bob}` } }, ['participantId']),
    ).toEqual([bob]);
  });
});
