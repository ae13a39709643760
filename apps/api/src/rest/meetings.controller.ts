import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { KalturaNotConfiguredError } from '@kd/commands';
import { requireMeetingType } from '@kd/guild-config';
import { z } from 'zod';
import { currentCorrelationId } from '@kd/observability';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
import { JwtAuthGuard, type AuthenticatedRequest } from './jwt-auth.guard.js';
import { assertGuildAccess, parseRequest } from './parse-request.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';
import {
  createMeetingBody,
  endMeetingBody,
  guildParams,
  joinUrlBody,
  joinUrlResponse,
  meetingParams,
  meetingSummarySchema,
} from './rest-schemas.js';

@Controller('api/v1/guilds/:guildId/meetings')
@UseGuards(JwtAuthGuard, RateLimitGuard)
@ApiTag('meetings')
export class MeetingsController {
  constructor(@Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime) {}

  @Get()
  @RequireScope('read')
  @ApiDoc({
    summary: "A guild's active meetings",
    responses: {
      200: {
        description: 'active meetings',
        schema: z.object({ meetings: z.array(z.record(z.string(), z.unknown())) }),
      },
    },
  })
  async list(@Param() params: unknown, @Req() request: AuthenticatedRequest) {
    const { guildId } = this.guild(params, request);
    return { meetings: await this.runtime.meetingQueries().listActive(guildId, 100) };
  }

  @Post()
  @RequireScope('write')
  @ApiDoc({
    summary: 'Create a Kaltura meeting room (meeting.created) and the owner join link',
    body: createMeetingBody,
    responses: {
      201: { description: 'created', schema: joinUrlResponse },
      503: { description: 'Kaltura unavailable or not configured' },
    },
  })
  async create(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    const { guildId } = this.guild(params, request);
    const input = parseRequest(createMeetingBody, body, 'body');
    requireMeetingType(await this.runtime.guildConfig.get(guildId), input.type);
    return this.meetings().create({ ...input, guildId, correlationId: this.correlation() });
  }

  @Post(':meetingId/end')
  @RequireScope('write')
  @ApiDoc({
    summary: 'End a meeting (meeting.ended)',
    body: endMeetingBody,
    responses: {
      200: { description: 'ended', schema: meetingSummarySchema },
      404: { description: 'unknown meeting' },
      409: { description: 'already ended' },
    },
  })
  @HttpCode(200)
  async end(@Param() params: unknown, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const { guildId, meetingId } = this.meeting(params, request);
    const { byUserId } = parseRequest(endMeetingBody, body, 'body');
    return this.meetings().end({
      meetingId,
      guildId,
      byUserId,
      canEndOthers: true,
      correlationId: this.correlation(),
    });
  }

  @Post(':meetingId/join-url')
  @RequireScope('write')
  @ApiDoc({
    summary: 'Issue a personal join link (meeting.join_link_issued)',
    body: joinUrlBody,
    responses: {
      200: { description: 'join link', schema: joinUrlResponse },
      404: { description: 'unknown meeting' },
    },
  })
  @HttpCode(200)
  async joinUrl(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    const { guildId, meetingId } = this.meeting(params, request);
    const input = parseRequest(joinUrlBody, body, 'body');
    return this.meetings().join({
      ...input,
      meetingId,
      guildId,
      correlationId: this.correlation(),
    });
  }

  private guild(params: unknown, request: AuthenticatedRequest) {
    const parsed = parseRequest(guildParams, params, 'path');
    assertGuildAccess(request.claims, parsed.guildId);
    return parsed;
  }

  private meeting(params: unknown, request: AuthenticatedRequest) {
    const parsed = parseRequest(meetingParams, params, 'path');
    assertGuildAccess(request.claims, parsed.guildId);
    return parsed;
  }

  private meetings() {
    if (!this.runtime.meetings) throw new KalturaNotConfiguredError();
    return this.runtime.meetings;
  }

  private correlation(): string {
    return currentCorrelationId() ?? 'api';
  }
}
