import { Inject, Injectable } from '@nestjs/common';
import type { Interaction } from 'discord.js';
import type { Logger } from '@kd/observability';
import { LOGGER } from '../bot.tokens.js';

/**
 * The boundary where slash commands arriving over the gateway meet the shared command dispatcher
 * (`@kd/discord`, handled once whatever the transport). Until it is wired here the bot replies
 * nothing: commands are served by the HTTP interactions endpoint (`POST /interactions`), and an
 * application with an interactions endpoint URL gets no interactions over the gateway at all.
 */
@Injectable()
export class GatewayInteractionsService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  handle(interaction: Interaction): void {
    this.logger.debug(
      { interactionId: interaction.id, interactionType: interaction.type },
      'gateway interaction not handled: commands are served by the HTTP interactions endpoint',
    );
  }
}
