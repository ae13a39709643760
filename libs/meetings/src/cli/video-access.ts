import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { z } from 'zod';
import { commonEnv, loadConfigOrExit } from '@kd/config';
import { connectNats, ensureStream, EventStore, natsAuthOf } from '@kd/event-store';
import { createLogger } from '@kd/observability';
import { VideoAccessService } from '../video-access/video-access.service.js';
import { VideoAccessStore } from '../video-access/video-access.store.js';
import { parseVideoAccessArgs, VIDEO_ACCESS_USAGE } from './video-access-args.js';

/**
 * `npm run video-access -- grant|revoke|show --guild <id> --category <id> …`: the operator's
 * (and only the operator's) way to share Kaltura categories with a guild's video search.
 */
async function main(): Promise<void> {
  const command = parseVideoAccessArgs(process.argv.slice(2), process.env.USER ?? 'operator');
  if (command.kind === 'help') {
    process.stdout.write(`${VIDEO_ACCESS_USAGE}\n`);
    return;
  }
  const config = loadConfigOrExit('video-access', z.object(commonEnv));
  const logger = createLogger({ service: 'video-access', level: 'warn' });
  const nc = await connectNats({
    url: config.NATS_URL,
    name: 'kd-video-access',
    auth: natsAuthOf(config),
    logger,
    maxAttempts: 3,
  });
  try {
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const stream = { stream: config.KD_STREAM, subjectPrefix: config.KD_SUBJECT_PREFIX };
    await ensureStream(jsm, { ...stream, replicas: config.KD_STREAM_REPLICAS });
    const access = new VideoAccessStore({
      js: () => js,
      subjectPrefix: config.KD_SUBJECT_PREFIX,
      replicas: config.KD_STREAM_REPLICAS,
    });
    const service = new VideoAccessService(
      new EventStore({ nats: { js, jsm }, ...stream }),
      access,
    );
    if (command.kind === 'show') {
      const scope = await service.scope(command.guildId);
      process.stdout.write(
        `guild ${command.guildId}: categories [${scope.categoryIds.join(', ')}], ${scope.entryIds.length} recording(s)\n`,
      );
      return;
    }
    const change = { ...command, correlationId: `video-access-${randomUUID()}`, now: new Date() };
    const categories =
      command.kind === 'grant' ? await service.grant(change) : await service.revoke(change);
    process.stdout.write(
      `${command.kind === 'grant' ? 'granted' : 'revoked'} [${command.categoryIds.join(', ')}] ` +
        `for guild ${command.guildId} by ${command.by}; it may now search categories [${categories.join(', ')}]\n`,
    );
  } finally {
    await nc.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`video-access: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
