import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCsv } from './format/csv.js';
import type { RenderedReport } from './format/table.js';

/**
 * Writes `<base>.md`, one `<base>-<table>.csv` per table and, when rendered, `<base>.html` into
 * `dir`; returns the paths.
 */
export async function writeReport(report: RenderedReport, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, `${report.baseName}.md`), report.markdown],
    ...report.tables.map((t): [string, string] => [
      join(dir, `${report.baseName}-${t.name}.csv`),
      toCsv(t),
    ]),
    ...(report.html === undefined ? [] : [[join(dir, `${report.baseName}.html`), report.html]]),
  ] as [string, string][];
  for (const [path, content] of files) await writeFile(path, content, 'utf8');
  return files.map(([path]) => path);
}
