export { buildReport, type ReportOptions } from './build-report.js';
export { writeReport } from './write-report.js';
export { runReportCli, type CliIo } from './cli/report-cli.js';
export {
  periodBefore,
  previousPeriod,
  parseDay,
  reportKinds,
  type Period,
  type ReportKind,
} from './period.js';
export { toCsv, csvField } from './format/csv.js';
export type { RenderedReport, Table, Column, Row, Cell } from './format/table.js';
