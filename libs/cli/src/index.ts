export {
  parseCli,
  readCli,
  usageOf,
  usageFailure,
  CliUsageError,
  type CliOption,
  type CliOptions,
  type CliSpec,
  type CliParsed,
  type CliValues,
} from './parse-cli.js';
export {
  createProgress,
  progressEnabled,
  progressLine,
  formatDuration,
  type Progress,
  type ProgressOptions,
  type ProgressStream,
} from './progress.js';
