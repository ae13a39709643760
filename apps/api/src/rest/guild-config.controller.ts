import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { currentCorrelationId } from '@kd/observability';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
import { JwtAuthGuard, type AuthenticatedRequest } from './jwt-auth.guard.js';
import { assertGuildAccess, parseRequest } from './parse-request.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';
import {
  configResetBody,
  configUpdateBody,
  configViewResponse,
  guildParams,
} from './rest-schemas.js';

const integrator = (request: AuthenticatedRequest) => ({
  kind: 'system' as const,
  id: `api:${request.claims.sub}`.slice(0, 64),
});

@Controller('api/v1/guilds/:guildId/config')
@UseGuards(JwtAuthGuard, RateLimitGuard)
@ApiTag('guild configuration')
export class GuildConfigController {
  constructor(@Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime) {}

  @Get()
  @RequireScope('read')
  @ApiDoc({
    summary: "A guild's effective configuration and what differs from the defaults",
    responses: { 200: { description: 'configuration', schema: configViewResponse } },
  })
  async view(@Param() params: unknown, @Req() request: AuthenticatedRequest) {
    const { guildId } = parseRequest(guildParams, params, 'path');
    assertGuildAccess(request.claims, guildId);
    return this.runtime.guildConfig.view(guildId);
  }

  @Patch()
  @RequireScope('write')
  @ApiDoc({
    summary: 'Change one setting (recorded as config.updated)',
    body: configUpdateBody,
    responses: {
      200: { description: 'outcome (changed or not)' },
      409: { description: 'concurrent changes kept conflicting' },
      422: { description: 'CONFIG.CHANNEL_NOT_IN_GUILD: the channel is not one of this guild' },
    },
  })
  async update(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    const { guildId } = parseRequest(guildParams, params, 'path');
    assertGuildAccess(request.claims, guildId);
    const { key, value } = parseRequest(configUpdateBody, body, 'body');
    return this.runtime.guildConfig.update(
      guildId,
      key,
      value,
      integrator(request),
      currentCorrelationId() ?? 'api',
    );
  }

  @Post('reset')
  @RequireScope('write')
  @ApiDoc({
    summary: 'Return a section (or all) to the defaults',
    body: configResetBody,
    responses: { 200: { description: 'outcome (changed or not)' } },
  })
  @HttpCode(200)
  async reset(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
  ) {
    const { guildId } = parseRequest(guildParams, params, 'path');
    assertGuildAccess(request.claims, guildId);
    const { section } = parseRequest(configResetBody, body, 'body');
    return this.runtime.guildConfig.reset(
      guildId,
      section,
      integrator(request),
      currentCorrelationId() ?? 'api',
    );
  }
}
