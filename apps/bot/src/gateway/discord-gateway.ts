import { Client, GatewayIntentBits, Partials, Status } from 'discord.js';
import type { Logger } from '@kd/observability';
import type { ShardSelection } from './sharding.js';

export interface DiscordGatewayOptions {
  token: string;
  /** API base without version (`https://discord.com/api`, or a local fake's). */
  apiUrl: string;
  shards: ShardSelection;
  logger: Logger;
}

/**
 * Owns the discord.js client. A client whose login failed is destroyed for good, so each attempt
 * gets a fresh one (with the same listeners); transient failures are retried with backoff.
 */
export class DiscordGateway {
  private current: Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: DiscordGatewayOptions) {}

  get client(): Client | undefined {
    return this.current;
  }

  /** Connects in the background; `setup` attaches listeners to each client before it logs in. */
  start(setup: (client: Client) => void): void {
    void this.connect(setup, 1);
  }

  /** Readiness: every shard of this process is connected (not resuming) and has its guilds. */
  async check(): Promise<void> {
    const client = this.current;
    if (!client?.isReady())
      throw new Error(`gateway ${client ? Status[client.ws.status] : 'idle'}`);
    const down = client.ws.shards.filter((shard) => shard.status !== Status.Ready);
    if (down.size > 0) throw new Error(`shards ${[...down.keys()].join(', ')} not connected`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.current?.destroy();
  }

  private async connect(setup: (client: Client) => void, attempt: number): Promise<void> {
    const { token, apiUrl, shards, logger } = this.options;
    // GUILDS: guild create/delete/availability with member_count; GUILD_SCHEDULED_EVENTS: RSVPs
    // and deletions of meetings' Discord events (partials: events created before this process).
    // Neither is privileged.
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildScheduledEvents],
      partials: [Partials.GuildScheduledEvent, Partials.User],
      rest: { api: apiUrl },
      ...shards,
    });
    this.current = client;
    setup(client);
    try {
      await client.login(token);
    } catch (error) {
      client.removeAllListeners();
      if (this.stopped) return;
      if ((error as { code?: unknown }).code === 'TokenInvalid') {
        logger.error('Discord rejected DISCORD_TOKEN: the gateway stays disconnected');
        return;
      }
      const retryInMs = Math.min(60_000, 1000 * 2 ** attempt);
      logger.error({ err: String(error), attempt, retryInMs }, 'gateway login failed, retrying');
      this.retry = setTimeout(() => void this.connect(setup, attempt + 1), retryInMs);
    }
  }
}
