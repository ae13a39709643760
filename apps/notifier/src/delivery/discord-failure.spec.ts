import { describe, expect, it } from '@jest/globals';
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { classifyDiscordError } from './discord-failure.js';

const url = 'https://discord.com/api/v10/channels/323456789012345678/messages';
const body = { body: { content: 'x' }, files: undefined };

describe('classifyDiscordError', () => {
  it('reads the wait of a 429 (Retry-After plus the library offset, in ms)', () => {
    const error = new RateLimitError({
      timeToReset: 1050,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url,
      route: '/channels/:id/messages',
      majorParameter: '323456789012345678',
      global: false,
      retryAfter: 1050,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(classifyDiscordError(error)).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 1050,
      global: false,
    });
  });

  it('retries server errors', () => {
    expect(classifyDiscordError(new HTTPError(503, 'Unavailable', 'POST', url, body))).toEqual({
      kind: 'server_error',
      status: 503,
    });
  });

  it('does not retry what Discord refused', () => {
    const refused = new DiscordAPIError(
      { code: 50001, message: 'Missing Access' },
      50001,
      403,
      'POST',
      url,
      body,
    );
    expect(classifyDiscordError(refused)).toEqual({
      kind: 'rejected',
      status: 403,
      code: '50001',
      message: 'Missing Access',
    });
  });

  it('tells a deleted message (10008 Unknown Message) from other refusals', () => {
    const gone = new DiscordAPIError(
      { code: 10008, message: 'Unknown Message' },
      10008,
      404,
      'PATCH',
      `${url}/923456789012345678`,
      body,
    );
    expect(classifyDiscordError(gone)).toEqual({ kind: 'unknown_message' });
  });

  it('retries timeouts and connection failures', () => {
    const timeout = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyDiscordError(timeout)).toEqual({
      kind: 'network',
      message: 'This operation was aborted',
    });
    expect(classifyDiscordError(new TypeError('fetch failed'))).toMatchObject({ kind: 'network' });
  });
});
