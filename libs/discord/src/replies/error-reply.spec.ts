import { describe, expect, it } from '@jest/globals';
import { KdError } from '@kd/events';
import { errorCodeOf, errorMessage, errorReply } from './error-reply.js';

describe('errorReply', () => {
  it('tells the user what was wrong, ephemerally, with the stable code in small print', () => {
    const error = new KdError(
      'MEETING.NOT_FOUND',
      'No meeting m0000000001 on this server.',
      'not_found',
    );
    expect(errorReply(error)).toEqual({
      content: '❌ No meeting m0000000001 on this server.\n-# MEETING.NOT_FOUND',
      ephemeral: true,
    });
  });

  it('does not show technical detail of an unavailable service', () => {
    const error = new KdError(
      'KALTURA.UNAVAILABLE',
      'schedule_scheduleresource.add: HTTP 502 from 10.0.0.7',
      'unavailable',
    );
    const { content } = errorReply(error);
    expect(content).not.toContain('10.0.0.7');
    expect(content).toContain('not reachable right now');
    expect(content).toContain('-# KALTURA.UNAVAILABLE');
  });

  it('answers an unexpected error generically as INTERNAL.ERROR', () => {
    const reply = errorReply(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(reply.content).toBe(
      '❌ Something went wrong on our side. Please try again later.\n-# INTERNAL.ERROR',
    );
    expect(errorCodeOf('a string')).toBe('INTERNAL.ERROR');
  });

  it('explains refused settings in the member’s language, with the suggestions as a list', () => {
    const unknownKey = new KdError('CONFIG.UNKNOWN_KEY', 'Unknown key "x".', 'validation', {
      details: {
        key: 'notifications.chanel',
        suggestions: ['notifications.channel'],
        reason: 'unknown',
      },
    });
    expect(errorMessage(unknownKey, 'de')).toBe(
      'Es gibt keine Einstellung `notifications.chanel`. Meintest du `notifications.channel`?',
    );
    const group = new KdError(
      'CONFIG.UNKNOWN_KEY',
      'Name one key of the group "features".',
      'validation',
      {
        details: {
          key: 'features',
          suggestions: ['features.recordings', 'features.video_search'],
          reason: 'group',
        },
      },
    );
    expect(errorMessage(group, 'en-US')).toBe(
      '`features` is a group; name one of its keys: `features.recordings` or `features.video_search`.',
    );
    expect(errorMessage(group, 'fr')).toContain('`features.recordings` ou `features.video_search`');
    const section = new KdError('CONFIG.UNKNOWN_SECTION', 'Unknown section "zzz".', 'validation', {
      details: { section: 'zzz', suggestions: [] },
    });
    expect(errorMessage(section, 'pt-BR')).toBe('Não existe a seção de configurações `zzz`.');
    const conflict = new KdError('CONFIG.CONFLICT', 'kept changing', 'conflict', {
      details: { guildId: '200000000000000001', attempts: 5 },
    });
    expect(errorMessage(conflict, 'es-ES')).toBe(
      'Los ajustes de este servidor estaban cambiando a la vez (5 intentos). Inténtalo de nuevo.',
    );
  });

  it('speaks the member’s language, with the error’s details and ICU plurals', () => {
    const notFound = new KdError('MEETING.NOT_FOUND', 'no meeting', 'not_found', {
      details: { meetingId: 'm0000000001' },
    });
    expect(errorReply(notFound, 'de').content).toBe(
      '❌ Auf diesem Server gibt es kein Meeting „m0000000001“.\n-# MEETING.NOT_FOUND',
    );
    const limited = new KdError('MEETING.START_RATE_LIMITED', 'too many', 'permission', {
      details: { scope: 'user', limit: 1, windowMs: 3_600_000, retryAfterMs: 60_000 },
    });
    expect(errorReply(limited, 'es-ES').content).toContain(
      'Has iniciado 1 reunión en los últimos 60 minutos. Inténtalo de nuevo dentro de 1 minuto.',
    );
    expect(errorReply(limited, 'fr').content).toContain('Vous avez lancé 1 réunion');
  });

  it('lists the roles and permissions a refused member lacks, in their language', () => {
    const denied = new KdError('PERMISSION.DENIED', 'denied', 'permission', {
      details: {
        command: 'kaltura-end',
        reason: 'missing_permission',
        required: ['ManageEvents', '100000000000000500'],
      },
    });
    expect(errorMessage(denied, 'en-US')).toBe(
      '/kaltura-end needs one of: the ManageEvents permission or the <@&100000000000000500> role.',
    );
    expect(errorMessage(denied, 'de')).toBe(
      '/kaltura-end erfordert eines davon: die Berechtigung ManageEvents oder die Rolle <@&100000000000000500>.',
    );
  });

  it('falls back to the error’s own text when the catalog has no entry or a value is missing', () => {
    const unknown = new KdError('CONFIG.SOMETHING_NEW', 'Plain English text.', 'validation');
    expect(errorMessage(unknown, 'fr')).toBe('Plain English text.');
    const bare = new KdError('MEETING.ENDED', 'meeting m1 has ended', 'conflict');
    expect(errorMessage(bare, 'de')).toBe('meeting m1 has ended');
  });

  it('explains an unavailable service plainly in every language', () => {
    const error = new KdError('KALTURA.UNAVAILABLE', 'HTTP 502 from 10.0.0.7', 'unavailable');
    expect(errorReply(error, 'pt-BR').content).toBe(
      '❌ Um serviço de que este comando precisa não está acessível agora. Tente novamente em breve.\n-# KALTURA.UNAVAILABLE',
    );
  });
});
