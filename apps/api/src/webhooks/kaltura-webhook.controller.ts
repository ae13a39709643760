import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { KalturaWebhookService, type WebhookAnswer } from './kaltura-webhook.service.js';

@Controller('webhooks')
export class KalturaWebhookController {
  constructor(private readonly webhooks: KalturaWebhookService) {}

  /**
   * 200 only after the notification is durably stored (or, signed but unreadable, parked);
   * Kaltura retries anything else, 4xx included (docs/webhooks.md).
   */
  @Post('kaltura')
  @HttpCode(200)
  async kaltura(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-kaltura-signature') signature: string | undefined,
    @Headers('x-kaltura-hash-algo') algorithm: string | undefined,
  ): Promise<WebhookAnswer> {
    return this.webhooks.receive({
      rawBody: request.rawBody,
      contentType: request.headers['content-type'],
      signature,
      algorithm,
    });
  }
}
