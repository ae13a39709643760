import {
  Controller,
  Headers,
  HttpCode,
  HttpException,
  Post,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request } from 'express';
import { InteractionsService } from './interactions.service.js';

@Controller()
export class InteractionsController {
  constructor(private readonly interactions: InteractionsService) {}

  /** Discord's interactions endpoint: verify, answer within 3 s, defer what calls Kaltura. */
  @Post('interactions')
  @HttpCode(200)
  async receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-signature-ed25519') signature: string | undefined,
    @Headers('x-signature-timestamp') timestamp: string | undefined,
  ): Promise<unknown> {
    // Discord sends JSON; anything else has no raw body to verify and would read as "unsigned".
    if (!request.is('application/json'))
      throw new HttpException(
        {
          error: {
            code: 'INTERACTION.UNSUPPORTED_MEDIA_TYPE',
            message: 'send the interaction as application/json',
          },
        },
        415,
      );
    return this.interactions.handle(request.rawBody, signature, timestamp);
  }
}
