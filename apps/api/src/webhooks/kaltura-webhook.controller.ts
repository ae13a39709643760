import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { KalturaWebhookService } from './kaltura-webhook.service.js';

@Controller('webhooks')
export class KalturaWebhookController {
  constructor(private readonly webhooks: KalturaWebhookService) {}

  /** 200 only after the notification is durably stored; anything else makes Kaltura retry. */
  @Post('kaltura')
  @HttpCode(200)
  async kaltura(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-kaltura-signature') signature: string | undefined,
    @Headers('x-kaltura-hash-algo') algorithm: string | undefined,
  ): Promise<{ status: 'stored' | 'duplicate'; jobId: string }> {
    const { duplicate, jobId } = await this.webhooks.receive({
      rawBody: request.rawBody,
      contentType: request.headers['content-type'],
      signature,
      algorithm,
    });
    return { status: duplicate ? 'duplicate' : 'stored', jobId };
  }
}
