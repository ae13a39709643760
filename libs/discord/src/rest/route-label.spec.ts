import { describe, expect, it } from '@jest/globals';
import { routeLabel } from './route-label.js';

describe('routeLabel', () => {
  it.each([
    [
      '/webhooks/100000000000000100/aW50ZXJhY3Rpb246MTIz/messages/@original',
      '/webhooks/:id/:token/messages/@original',
    ],
    ['/webhooks/100000000000000100/aW50ZXJhY3Rpb246MTIz', '/webhooks/:id/:token'],
    [
      '/interactions/100000000000000600/aW50ZXJhY3Rpb24/callback',
      '/interactions/:id/:token/callback',
    ],
    ['/applications/100000000000000100/commands', '/applications/:id/commands'],
    [
      '/applications/100000000000000100/guilds/100000000000000200/commands',
      '/applications/:id/guilds/:id/commands',
    ],
    ['/channels/100000000000000300/messages?limit=5', '/channels/:id/messages'],
    [
      '/channels/100000000000000300/messages/100000000000000301/reactions/%F0%9F%8E%AC/@me',
      '/channels/:id/messages/:id/reactions/:reaction/@me',
    ],
    ['/invites/kaltura', '/invites/:code'],
    ['/gateway/bot', '/gateway/bot'],
    ['/users/@me', '/users/@me'],
    ['/guilds/12/Some.Weird_Thing', '/guilds/:id/:param'],
  ])('labels %s as %s', (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });
});
