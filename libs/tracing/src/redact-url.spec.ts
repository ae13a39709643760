import { describe, expect, it } from '@jest/globals';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides Discord interaction and webhook tokens', () => {
    expect(redactUrl('https://discord.com/api/v10/webhooks/123/aBc.d-E_f/messages/@original')).toBe(
      'https://discord.com/api/v10/webhooks/123/REDACTED/messages/@original',
    );
  });

  it('hides credential-like query values and keeps the rest', () => {
    expect(redactUrl('https://k.example/api_v3/service/media?ks=djJ8MTIz&format=1')).toBe(
      'https://k.example/api_v3/service/media?ks=REDACTED&format=1',
    );
    expect(redactUrl('https://discord.com/api/v10/channels/1/messages')).toBe(
      'https://discord.com/api/v10/channels/1/messages',
    );
  });
});
