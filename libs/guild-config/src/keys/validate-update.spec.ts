import { describe, expect, it } from '@jest/globals';
import { ConfigInvalidValueError } from '../errors.js';
import { validateUpdate } from './validate-update.js';

const roleId = '223456789012345678';

function invalid(key: string, raw: unknown): ConfigInvalidValueError {
  try {
    validateUpdate(key, raw);
  } catch (error) {
    if (error instanceof ConfigInvalidValueError) return error;
    throw error;
  }
  throw new Error(`expected ${key}=${JSON.stringify(raw)} to be rejected`);
}

describe('validateUpdate', () => {
  it.each([
    ['true', true],
    ['FALSE', false],
    ['on', true],
    ['disabled', false],
    [true, true],
  ])('reads %j as the boolean %j for a boolean key', (raw, value) => {
    expect(validateUpdate('features.video_search', raw).value).toBe(value);
  });

  it('rejects a non-boolean for a boolean key, saying the expected type', () => {
    const error = invalid('notifications.types.meeting_end', 'maybe');
    expect(error).toMatchObject({ code: 'CONFIG.INVALID_VALUE', category: 'validation' });
    expect(error.message).toContain('got "maybe"');
    expect(error.message).toContain('Expected true or false');
  });

  it('keeps a template as plain text and turns a typed \\n into a line break', () => {
    const { value } = validateUpdate(
      'notifications.templates.meeting_start',
      '**{{title}}** is live\\nJoin: {{ joinUrl }}',
    );
    expect(value).toBe('**{{title}}** is live\nJoin: {{ joinUrl }}');
  });

  it('rejects a placeholder the notification kind does not provide', () => {
    const error = invalid('notifications.templates.meeting_end', 'Ended: {{joinUrl}} {{title}}');
    expect(error.message).toContain('unknown placeholder {{joinUrl}}');
    expect(error.message).toContain('{{duration}}');
  });

  it('rejects a template over 1,500 characters and accepts one of exactly 1,500', () => {
    expect(invalid('notifications.templates.meeting_end', 'x'.repeat(1501)).message).toContain(
      'at most 1500 characters',
    );
    expect(
      validateUpdate('notifications.templates.meeting_end', 'x'.repeat(1500)).value,
    ).toHaveLength(1500);
  });

  it('reads an access list from a JSON array or from comma-separated words and role mentions', () => {
    expect(validateUpdate('commands.permissions.kaltura-start', '["ManageEvents"]').value).toEqual([
      'ManageEvents',
    ]);
    expect(
      validateUpdate('commands.permissions.kaltura-start', `ManageGuild, <@&${roleId}>`).value,
    ).toEqual(['ManageGuild', roleId]);
  });

  it('rejects an access list entry that is not everyone, a permission name or a role id', () => {
    const error = invalid('commands.permissions.kaltura-end', '["ManageServer"]');
    expect(error.message).toContain('"ManageServer" is neither');
  });

  it('rejects an empty access list and malformed JSON', () => {
    expect(invalid('commands.permissions.kaltura-end', '[]').message).toContain('at least one');
    expect(invalid('commands.permissions.kaltura-end', '["ManageGuild"').code).toBe(
      'CONFIG.INVALID_VALUE',
    );
  });

  it('normalises Kaltura role aliases and rejects other roles', () => {
    expect(validateUpdate(`roles.mapping.${roleId}`, 'admin').value).toBe('adminRole');
    expect(validateUpdate('roles.default', 'VIEWERROLE').value).toBe('viewerRole');
    expect(invalid('roles.default', 'publisher').expected).toBe('adminRole or viewerRole');
  });

  it.each(['', '  ', 'null', null])('treats %j as removing the key', (raw) => {
    expect(validateUpdate(`roles.mapping.${roleId}`, raw)).toEqual({
      key: `roles.mapping.${roleId}`,
      section: 'roles',
      value: null,
    });
  });

  it('reads a channel mention as its id and accepts "default"', () => {
    const channel = '323456789012345678';
    expect(validateUpdate('notifications.channels.meeting_start', `<#${channel}>`).value).toBe(
      channel,
    );
    expect(validateUpdate('notifications.channels.meeting_start', 'default').value).toBe('default');
    expect(invalid('notifications.channels.meeting_start', '#general').code).toBe(
      'CONFIG.INVALID_VALUE',
    );
  });

  it('refuses to disable the configuration commands, which would lock admins out', () => {
    expect(invalid('commands.enabled.kaltura-config-update', 'false').message).toContain(
      'cannot be disabled',
    );
    expect(validateUpdate('commands.enabled.kaltura-stats', 'false').value).toBe(false);
  });
});
