import { z } from 'zod';
import type { RouteDoc } from './openapi.js';
import {
  configResetBody,
  configUpdateBody,
  configViewResponse,
  createMeetingBody,
  endMeetingBody,
  joinUrlBody,
  joinUrlResponse,
  meetingSummarySchema,
} from './rest-schemas.js';
import { revokeTokenBody, revokeTokenResponse } from './token-schemas.js';

const config = '/api/v1/guilds/{guildId}/config';
const meetings = '/api/v1/guilds/{guildId}/meetings';

/** The REST API v1, documented from the schemas that validate it. */
export const apiRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: config,
    tag: 'guild configuration',
    scope: 'read',
    summary: "A guild's effective configuration and what differs from the defaults",
    responses: { 200: { description: 'configuration', schema: configViewResponse } },
  },
  {
    method: 'patch',
    path: config,
    tag: 'guild configuration',
    scope: 'write',
    summary: 'Change one setting (recorded as config.updated)',
    body: configUpdateBody,
    responses: {
      200: { description: 'outcome (changed or not)' },
      409: { description: 'concurrent changes kept conflicting' },
      422: { description: 'CONFIG.CHANNEL_NOT_IN_GUILD: the channel is not one of this guild' },
    },
  },
  {
    method: 'post',
    path: `${config}/reset`,
    tag: 'guild configuration',
    scope: 'write',
    summary: 'Return a section (or all) to the defaults',
    body: configResetBody,
    responses: { 200: { description: 'outcome (changed or not)' } },
  },
  {
    method: 'get',
    path: meetings,
    tag: 'meetings',
    scope: 'read',
    summary: "A guild's active meetings",
    responses: {
      200: {
        description: 'active meetings',
        schema: z.object({ meetings: z.array(z.record(z.string(), z.unknown())) }),
      },
    },
  },
  {
    method: 'post',
    path: meetings,
    tag: 'meetings',
    scope: 'write',
    summary: 'Create a Kaltura meeting room (meeting.created) and the owner join link',
    body: createMeetingBody,
    responses: {
      201: { description: 'created', schema: joinUrlResponse },
      503: { description: 'Kaltura unavailable or not configured' },
    },
  },
  {
    method: 'post',
    path: `${meetings}/{meetingId}/end`,
    tag: 'meetings',
    scope: 'write',
    summary: 'End a meeting (meeting.ended)',
    body: endMeetingBody,
    responses: {
      200: { description: 'ended', schema: meetingSummarySchema },
      404: { description: 'unknown meeting' },
      409: { description: 'already ended' },
    },
  },
  {
    method: 'post',
    path: `${meetings}/{meetingId}/join-url`,
    tag: 'meetings',
    scope: 'write',
    summary: 'Issue a personal join link (meeting.join_link_issued)',
    body: joinUrlBody,
    responses: {
      200: { description: 'join link', schema: joinUrlResponse },
      404: { description: 'unknown meeting' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/guilds/{guildId}/insights',
    tag: 'insights',
    scope: 'read',
    summary:
      "A guild's own engagement, retention and customization figures, each engagement metric with its target (docs/analytics.md)",
    responses: {
      200: { description: 'insights' },
      404: { description: 'no events recorded for this guild' },
      503: { description: 'the analytics read models cannot be read' },
    },
  },
  {
    method: 'get',
    path: '/api/v1/metrics/summary',
    tag: 'insights',
    scope: 'operator',
    summary:
      'The whole install: every DESIGN §4 metric with its target, installed guilds, live meetings (cached 15 s; operator tokens only)',
    responses: {
      200: { description: 'summary' },
      503: { description: 'the analytics read models cannot be read' },
    },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{jti}/revoke',
    tag: 'tokens',
    scope: 'operator',
    summary:
      'Revoke a REST API token by its jti (auth.token_revoked): every api replica refuses it within seconds; revoking twice records it once',
    body: revokeTokenBody,
    responses: { 200: { description: 'revoked', schema: revokeTokenResponse } },
  },
];
