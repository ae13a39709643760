import { describe, expect, it } from '@jest/globals';
import {
  autocompleteResponse,
  deferredResponse,
  messageData,
  messageResponse,
  pongResponse,
  replyResponse,
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

  it('answers with a modal (type 9) of paragraph inputs, prefilled within their limits', () => {
    const response = replyResponse({
      ephemeral: true,
      content: 'fallback',
      modal: {
        customId: 'kd1:template:meeting_end',
        title: 'Text: a very long kind of notification name indeed',
        inputs: [
          {
            customId: 'template',
            label: 'Text',
            paragraph: true,
            value: 'x'.repeat(20),
            maxLength: 10,
            required: true,
          },
        ],
      },
    });
    expect(response).toEqual({
      type: 9,
      data: {
        custom_id: 'kd1:template:meeting_end',
        title: 'Text: a very long kind of notification name …',
        components: [
          {
            type: 1,
            components: [
              {
                type: 4,
                custom_id: 'template',
                label: 'Text',
                style: 2,
                required: true,
                max_length: 10,
                value: `${'x'.repeat(9)}…`,
              },
            ],
          },
        ],
      },
    });
  });

  it('edits the pressed button’s message (type 7) when asked, and otherwise sends a message', () => {
    const update = replyResponse({
      ephemeral: true,
      update: true,
      content: 'Done',
      components: [],
    });
    expect(update).toEqual({
      type: 7,
      data: { content: 'Done', components: [], allowed_mentions: { parse: [] } },
    });
    const cleared = replyResponse({ ephemeral: true, update: true, content: 'No', embeds: [] });
    expect(cleared.data).toEqual(expect.objectContaining({ content: 'No', embeds: [] }));
    expect(replyResponse({ ephemeral: true, content: 'Hi' })).toEqual(
      messageResponse({ ephemeral: true, content: 'Hi' }),
    );
  });
});
