import { describe, expect, it } from '@jest/globals';
import { buttonCustomId, parseCustomId } from './custom-id.js';
import { meetingButtons } from './meeting-buttons.js';

describe('button custom ids', () => {
  it('round-trips kd1:<action>:<meetingId>', () => {
    expect(buttonCustomId('join', 'm0123456789')).toBe('kd1:join:m0123456789');
    expect(parseCustomId('kd1:end:m0123456789')).toEqual({
      action: 'end',
      meetingId: 'm0123456789',
    });
  });

  it('names settings actions with a pending id or a notification kind', () => {
    expect(parseCustomId('kd1:reset-ok:1234567890123456789')).toEqual({
      action: 'reset-ok',
      meetingId: '1234567890123456789',
    });
    expect(buttonCustomId('template', 'meeting_start')).toBe('kd1:template:meeting_start');
  });

  it.each([
    ['another version', 'kd2:join:m0123456789'],
    ['an unknown action', 'kd1:delete:m0123456789'],
    ['an extra part', 'kd1:join:m0123456789:x'],
    ['a missing id', 'kd1:join:'],
    ['a subject wildcard', 'kd1:join:>'],
    ['upper case', 'KD1:JOIN:M0123456789'],
    ['over 100 characters', `kd1:join:${'a'.repeat(100)}`],
    ['not a string', 42],
  ])('refuses %s', (_, raw) => {
    expect(parseCustomId(raw)).toBeUndefined();
  });

  it('puts Join, and End when asked, in one action row within Discord limits', () => {
    const [row] = meetingButtons('m0123456789', { end: true }) as [
      { components: { custom_id: string }[] },
    ];
    expect(row.components.map((c) => c.custom_id)).toEqual([
      'kd1:join:m0123456789',
      'kd1:end:m0123456789',
    ]);
    expect(row.components.every((c) => c.custom_id.length <= 100)).toBe(true);
  });
});
