import { KdError } from '@kd/events';

export class KalturaNotConfiguredError extends KdError {
  constructor() {
    super(
      'KALTURA.NOT_CONFIGURED',
      'Kaltura is not configured on this server yet (ask the bot operator).',
      'unavailable',
    );
  }
}

export function required<T>(service: T | undefined): T {
  if (service === undefined) throw new KalturaNotConfiguredError();
  return service;
}
