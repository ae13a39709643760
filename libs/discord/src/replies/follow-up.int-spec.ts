import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { REST } from '@discordjs/rest';
import { startDiscordRestFake, testLogger, type DiscordRestFake } from '@kd/testing';
import { createDiscordRest } from '../rest/create-discord-rest.js';
import { deliverDeferredReply, editOriginalResponse, sendFollowUp } from './follow-up.js';

const interaction = {
  applicationId: '100000000000000100',
  token: 'aW50ZXJhY3Rpb246MTAwMDAwMDAwMDAwMDAwNjAwOnRva2Vu',
};
let fake: DiscordRestFake;
let rest: REST;

beforeAll(async () => {
  fake = await startDiscordRestFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  // No bot token: interaction webhooks are authorized by the interaction token alone.
  rest = createDiscordRest({ apiUrl: fake.apiUrl, logger: testLogger('follow-up-spec') });
});

describe('answering a deferred interaction', () => {
  it('edits @original with a body that cannot mention anyone', async () => {
    const reply = { content: '📢 **@everyone all-hands** started', ephemeral: false };
    const message = await editOriginalResponse(rest, interaction, reply);
    expect(message.id).toMatch(/^\d{17,19}$/);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'PATCH',
      path: `/webhooks/${interaction.applicationId}/${interaction.token}/messages/@original`,
      body: { content: reply.content, allowed_mentions: { parse: [] } },
    });
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('sends content Discord accepts even when the handler wrote too much', async () => {
    await editOriginalResponse(rest, interaction, { content: 'x'.repeat(5000), ephemeral: true });
    const body = fake.requests[0]?.body as { content: string };
    expect(body.content).toHaveLength(2000);
    expect(fake.requests[0]?.status).toBe(200);
  });

  it('posts an ephemeral follow-up with flag 64 and no mentions', async () => {
    await sendFollowUp(rest, interaction, { content: 'your link', ephemeral: true });
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: `/webhooks/${interaction.applicationId}/${interaction.token}`,
      body: { content: 'your link', flags: 64, allowed_mentions: { parse: [] } },
    });
  });

  it('answers a public command publicly and sends its private follow-ups with flag 64', async () => {
    fake.answeredOverHttp(interaction.token, { type: 5 });
    const followUps = [{ content: 'your link', ephemeral: true }];
    await deliverDeferredReply(
      rest,
      interaction,
      { content: 'started', ephemeral: false, followUps },
      false,
    );
    expect(fake.requests.map((r) => r.method)).toEqual(['PATCH', 'POST']);
    expect(fake.requests[1]?.body).toMatchObject({ content: 'your link', flags: 64 });
    expect(fake.publicMessages().map((m) => m.content)).toEqual(['started']);
  });

  it('replaces a public "thinking…" with a private answer when the reply is a refusal', async () => {
    fake.answeredOverHttp(interaction.token, { type: 5 });
    const refusal = { content: '❌ Webinars are turned off', ephemeral: true };
    await deliverDeferredReply(rest, interaction, refusal, false);
    expect(fake.requests.map((r) => r.method)).toEqual(['DELETE', 'POST']);
    expect(fake.requests[1]?.body).toMatchObject({ flags: 64 });
    expect(fake.publicMessages()).toEqual([]);
  });

  it("uploads a reply's files as multipart attachments, with their alt text", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const reply = {
      ephemeral: true,
      embeds: [{ title: 'figures', image: { url: 'attachment://insights.png' } }],
      files: [
        { name: 'insights.png', data: png, contentType: 'image/png', description: 'a chart' },
      ],
    };
    await editOriginalResponse(rest, interaction, reply);
    await sendFollowUp(rest, interaction, reply);
    for (const request of fake.requests) {
      expect(request.status).toBe(200);
      expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(request.body).toMatchObject({
        attachments: [{ id: 0, filename: 'insights.png', description: 'a chart' }],
        embeds: [{ image: { url: 'attachment://insights.png' } }],
      });
      expect(request.files).toEqual([
        { field: 'files[0]', filename: 'insights.png', contentType: 'image/png', data: png },
      ]);
    }
    const stored = [...fake.messages.values()].map((m) => m.attachments);
    expect(stored).toEqual([
      [
        expect.objectContaining({
          filename: 'insights.png',
          size: png.length,
          description: 'a chart',
        }),
      ],
      [expect.objectContaining({ filename: 'insights.png', content_type: 'image/png' })],
    ]);
  });

  it('is refused by the fake like Discord when an attachment names no uploaded file', async () => {
    const route = `/webhooks/${interaction.applicationId}/${interaction.token}/messages/@original`;
    await expect(
      rest.patch(route as `/${string}`, {
        body: { content: 'x', attachments: [{ id: 3, filename: 'missing.png' }] },
        files: [{ name: 'a.png', data: Buffer.from('x') }],
        auth: false,
      }),
    ).rejects.toThrow(/no file for attachment 3/);
  });
});
