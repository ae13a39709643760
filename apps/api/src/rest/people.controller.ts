import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { COMMAND_RUNTIME } from '../interactions/interactions.tokens.js';
import type { CommandRuntime } from '../interactions/command-runtime.js';
import { ApiDoc, ApiTag } from './api-doc.decorator.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { parseRequest } from './parse-request.js';
import { forgetResponse, personParams } from './people-schemas.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RequireScope } from './require-scope.decorator.js';

/**
 * Forgetting a person on request (docs/privacy.md). Operator tokens only: a person's key covers
 * every guild, so a guild's token cannot forget a member for its guild alone.
 */
@Controller('api/v1/people')
@UseGuards(JwtAuthGuard, RateLimitGuard)
@ApiTag('people')
export class PeopleController {
  constructor(@Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime) {}

  @Post(':discordUserId/forget')
  @HttpCode(200)
  @RequireScope('operator')
  @ApiDoc({
    summary:
      'Forget a Discord user: their key is destroyed, read models keep placeholders, metrics keep their values, their Kaltura user is deleted (retried while Kaltura is down); 404 when nothing is stored for them (never seen, or already forgotten)',
    responses: {
      200: { description: 'forgotten', schema: forgetResponse },
      400: { description: 'not a Discord user id' },
      404: { description: 'nothing stored for this user' },
    },
  })
  async forget(@Param() params: unknown) {
    const { discordUserId } = parseRequest(personParams, params, 'path');
    return this.runtime.forgetter.forget(discordUserId, 'operator');
  }
}
