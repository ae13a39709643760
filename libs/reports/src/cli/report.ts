import { runReportCli } from './report-cli.js';

/** Entry of `npm run report` (docs/reports.md). */
const code = await runReportCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: () => new Date(),
});
process.exit(code);
