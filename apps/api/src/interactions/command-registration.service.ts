import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { commandDefinitions, syncCommands } from '@kd/discord';
import type { Logger } from '@kd/observability';
import type { ApiConfig } from '../api.config.js';
import { API_CONFIG, LOGGER } from '../api.tokens.js';
import type { CommandRuntime } from './command-runtime.js';
import { COMMAND_RUNTIME } from './interactions.tokens.js';

/**
 * Registers the command set with Discord at start-up when credentials are set: compares with
 * what Discord has (GET) and replaces it (PUT) only when it differs. A failure is logged, not
 * fatal: the interactions endpoint keeps serving the commands Discord already has.
 */
@Injectable()
export class CommandRegistrationService implements OnApplicationBootstrap {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(COMMAND_RUNTIME) private readonly runtime: CommandRuntime,
  ) {}

  onApplicationBootstrap(): void {
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = this.config;
    if (!token || !applicationId) {
      this.logger.warn(
        'DISCORD_TOKEN or DISCORD_APPLICATION_ID not set: slash commands are not registered',
      );
      return;
    }
    syncCommands(this.runtime.rest, applicationId, commandDefinitions, this.logger).catch(
      (error: unknown) =>
        this.logger.error({ err: String(error) }, 'could not register the Discord commands'),
    );
  }
}
