import type { IncomingMessage } from 'node:http';
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { z } from 'zod';
import { kalturaHashAlgos } from '@kd/kaltura';
import { controlBody } from '../control/control-body.js';
import { notificationKinds } from './http-notification.builder.js';
import { NotificationService, type NotifyResult } from './notification.service.js';

const notifySchema = z.strictObject({
  kind: z.enum(notificationKinds),
  resourceId: z.union([z.string().min(1), z.number().int()]).transform(String),
  format: z.enum(['json', 'form']).optional(),
  algo: z.enum(kalturaHashAlgos).optional(),
  url: z.url().optional(),
  secret: z.string().min(1).optional(),
});

@Controller('__sim/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  /** Sends one signed notification now and reports how the receiver answered. */
  @Post()
  @HttpCode(200)
  async send(@Req() req: IncomingMessage): Promise<NotifyResult> {
    return this.notifications.notify(await controlBody(req, notifySchema));
  }
}
