import { describe, expect, it } from '@jest/globals';
import { newEvent, prepareForAppend } from '@kd/events';
import { originChannelOf, originInteractionId } from './origin-channel.js';

const interactionId = '923456789012345678';
const channelId = '323456789012345678';

describe('origin channel', () => {
  it('finds the interaction behind an HTTP command correlation id', () => {
    expect(originInteractionId(`interaction-${interactionId}`)).toBe(interactionId);
    expect(originInteractionId('8c0d2a43-0d53-4b53-9b0f-6f1f3c1e0d11')).toBeUndefined();
    expect(originInteractionId(`interaction-${interactionId}-x`)).toBeUndefined();
  });

  it("takes the channel from the interaction's command.executed", () => {
    const executed = prepareForAppend(
      newEvent(
        'command.executed',
        {
          interactionId,
          command: 'kaltura-start',
          commandVersion: 1,
          options: { title: 'x' },
          userId: '223456789012345678',
          channelId,
          outcome: 'ok',
          errorCode: null,
          durationMs: 120,
          transport: 'http',
          locale: 'en-US',
          guildLocale: 'en-US',
        },
        { actor: { kind: 'user', id: '223456789012345678' }, correlationId: 'c', guildId: null },
      ),
      new Date(),
    );
    expect(originChannelOf([executed])).toBe(channelId);
    expect(originChannelOf([])).toBeNull();
  });
});
