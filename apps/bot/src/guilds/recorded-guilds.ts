import { Inject, Injectable } from '@nestjs/common';
import { NatsClients } from '@kd/event-store';
import type { BotConfig } from '../bot.config.js';
import { BOT_CONFIG } from '../bot.tokens.js';

/** Ids of every guild that has events in the stream (one subject per guild aggregate). */
@Injectable()
export class RecordedGuilds {
  constructor(
    private readonly nats: NatsClients,
    @Inject(BOT_CONFIG) private readonly config: BotConfig,
  ) {}

  async ids(): Promise<string[]> {
    const prefix = `${this.config.KD_SUBJECT_PREFIX}.guild.`;
    // Stream info lists subjects with their message counts, paged by the client.
    const info = await this.nats.jsm.streams.info(this.config.KD_STREAM, {
      subjects_filter: `${prefix}>`,
    });
    return Object.keys(info.state.subjects ?? {}).map((subject) => subject.slice(prefix.length));
  }
}
