import type { OnApplicationShutdown, Provider } from '@nestjs/common';

class ShutdownHook implements OnApplicationShutdown {
  constructor(private readonly close: () => Promise<unknown> | void) {}
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/**
 * A provider that runs `close` when the application shuts down (after every
 * `beforeApplicationShutdown`): for connections created outside Nest's container.
 */
export function shutdownHook(close: () => Promise<unknown> | void): Provider {
  return { provide: ShutdownHook, useFactory: () => new ShutdownHook(close) };
}
