import { describe, expect, it } from '@jest/globals';
import {
  autocompleteResponse,
  deferredResponse,
  messageData,
  messageResponse,
  pongResponse,
} from './interaction-responses.js';

describe('interaction responses', () => {
  it('answers PING with type 1', () => {
    expect(pongResponse()).toEqual({ type: 1 });
  });

  it('sends a message (type 4) that can never ping anyone, whatever the text says', () => {
    const reply = {
      content: 'Meeting **@everyone party** with <@&100000000000000500>',
      ephemeral: false,
    };
    expect(messageResponse(reply)).toEqual({
      type: 4,
      data: { content: reply.content, allowed_mentions: { parse: [] } },
    });
  });

  it('marks an ephemeral message with flag 64', () => {
    expect(messageResponse({ content: 'only you', ephemeral: true }).data.flags).toBe(64);
  });

  it('defers with type 5, ephemeral only when asked', () => {
    expect(deferredResponse(true)).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferredResponse(false)).toEqual({ type: 5 });
  });

  it('cuts content to 2000 characters', () => {
    const data = messageData({ content: 'x'.repeat(2500), ephemeral: false });
    expect([...data.content!]).toHaveLength(2000);
    expect(data.content!.endsWith('…')).toBe(true);
  });

  it('cuts by characters, never splitting an emoji', () => {
    const data = messageData({ content: '🎬'.repeat(2001), ephemeral: false });
    expect([...data.content!]).toHaveLength(2000);
    expect(data.content!.startsWith('🎬'.repeat(1999))).toBe(true);
  });

  it('keeps embeds and components and never sends an empty message', () => {
    const embeds = [{ title: 'Meetings', description: 'none' }];
    const components = [{ type: 1, components: [] }];
    expect(messageData({ embeds, components, ephemeral: false })).toEqual({
      embeds,
      components,
      allowed_mentions: { parse: [] },
    });
    expect(messageData({ ephemeral: false }).content).toBe('Done.');
  });

  it('offers at most 25 autocomplete choices (type 8) with names up to 100 characters', () => {
    const choices = Array.from({ length: 30 }, (_, i) => ({
      name: `m${i} ${'t'.repeat(120)}`,
      value: `m${i}`,
    }));
    const response = autocompleteResponse(choices);
    expect(response.type).toBe(8);
    expect(response.data.choices).toHaveLength(25);
    expect(response.data.choices.every((c) => c.name.length <= 100)).toBe(true);
    expect(response.data.choices[0]?.value).toBe('m0');
  });

  it('drops autocomplete choices whose value Discord would refuse', () => {
    const response = autocompleteResponse([
      { name: 'long', value: 'v'.repeat(101) },
      { name: 'ok', value: 7 },
    ]);
    expect(response.data.choices).toEqual([{ name: 'ok', value: 7 }]);
  });
});
