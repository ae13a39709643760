import { createProgress, progressEnabled } from '@kd/cli';
import { systemClock } from '@kd/events';
import { DemoUsageError, demoUsage, parseDemoArgs } from './demo-options.js';
import { runDemo } from './run-demo.js';

/**
 * `npm run demo -- --minutes 5`: realistic traffic through the running stack (docs/demo.md).
 * Prints a progress line about every 10 s (on a terminal one line redrawn with rate and ETA; none
 * in CI) and the summary as JSON at the end; exits 1 when no
 * command was answered.
 */
async function main(): Promise<void> {
  const options = parseDemoArgs(process.argv.slice(2), process.env);
  if ('help' in options) {
    process.stdout.write(demoUsage);
    return;
  }
  // A terminal gets a progress line (rate, ETA); CI stays quiet; other output (compose logs) a
  // line every 10 s.
  const tty = progressEnabled(process.stderr, process.env);
  const summary = await runDemo({
    ...options,
    progressEveryMs: tty || process.env.CI ? 0 : options.progressEveryMs,
    progress: tty
      ? createProgress({ label: 'demo', unit: 'commands', clock: systemClock })
      : undefined,
  });
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (summary.interactions.answered === 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const message =
    error instanceof DemoUsageError ? error.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`${message}\n`);
  process.exit(error instanceof DemoUsageError ? 2 : 1);
});
