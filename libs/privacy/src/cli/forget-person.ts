import { parseCli, usageOf, type CliOptions, type CliSpec } from '@kd/cli';
import { EventStore, personKeysOf } from '@kd/event-store';
import { createDataSource } from '@kd/projections';
import { checkpointFloor } from '../forget/checkpoint-floor.js';
import { PendingKalturaDeletions } from '../forget/pending-kaltura-deletions.js';
import { PersonForgetService } from '../forget/person-forget.service.js';
import { exitWith, kalturaFrom, withNats } from './people-cli.js';

const spec = {
  command: 'npm run people:forget --',
  synopsis: '<discordUserId> | --finish',
  summary: `Operator: forget a Discord user (docs/privacy.md) — the same as /kaltura-forget-me and
POST /api/v1/people/{id}/forget. --finish destroys keys whose projections have caught up and retries
Kaltura user deletions that failed.`,
  options: {
    finish: { type: 'boolean', description: 'finish pending forgets instead' },
  },
  positionals: { max: 1 },
  epilogue:
    'Environment: NATS_URL, KD_STREAM, KD_SUBJECT_PREFIX, DATABASE_URL, KALTURA_* (as the apps).',
} satisfies CliSpec<CliOptions>;

async function main(): Promise<void> {
  const parsed = parseCli(spec, process.argv.slice(2));
  const id = parsed.help ? undefined : parsed.positionals[0];
  if (parsed.help || (!id && !parsed.values.finish)) {
    process.stdout.write(`${usageOf(spec)}\n`);
    return;
  }
  await withNats('people-forget', async ({ config, logger, nc, js, jsm }) => {
    const db = createDataSource({ url: config.DATABASE_URL, applicationName: 'kd-people-forget' });
    await db.initialize();
    try {
      const store = new EventStore({
        nats: { nc, js, jsm },
        stream: config.KD_STREAM,
        subjectPrefix: config.KD_SUBJECT_PREFIX,
      });
      const service = new PersonForgetService({
        store,
        keys: personKeysOf({ nats: { js, jsm }, stream: config.KD_STREAM }),
        pending: new PendingKalturaDeletions({ nats: { js }, stream: config.KD_STREAM }),
        kaltura: kalturaFrom(config),
        checkpointFloor: () => checkpointFloor(db),
        logger,
      });
      const outcome = id ? await service.forget(id, 'operator') : await service.finishPending();
      process.stdout.write(`${JSON.stringify(outcome)}\n`);
    } finally {
      await db.destroy();
    }
  });
}

exitWith('people:forget', main());
