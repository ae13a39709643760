import type { Table } from './table.js';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and attribute values: every markup character escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!);

/** A report table as HTML, cells formatted as the Markdown shows them, all text escaped. */
export function htmlTable(table: Table, empty = 'No rows.'): string {
  if (table.rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const align = (a?: 'left' | 'right') => (a === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c) => `<th${align(c.align)}>${escapeHtml(c.title)}</th>`);
  const rows = table.rows.map(
    (row) =>
      `<tr>${table.columns
        .map((c) => {
          const value = row[c.key] ?? null;
          const text = c.format ? c.format(value, row) : value === null ? '' : String(value);
          return `<td${align(c.align)}>${escapeHtml(text)}</td>`;
        })
        .join('')}</tr>`,
  );
  return `<table><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}

/**
 * A figure: an inline SVG chart (no external asset) with its alt text as the caption. Every
 * chart names its classes and clip paths `zr-…` (@kd/charts): `id` keeps them apart in one page.
 */
export const htmlFigure = (svg: string, alt: string, id: string): string =>
  `<figure>${svg
    .replace(/\bzr-/g, `${id}-`)
    .replace(
      /^<svg /,
      `<svg role="img" aria-label="${escapeHtml(alt)}" `,
    )}<figcaption>${escapeHtml(alt)}</figcaption></figure>`;

const style = `body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#212529;max-width:1040px;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}th,td{border:1px solid #dee2e6;padding:.25rem .5rem;text-align:left}
.num{text-align:right}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.85rem;color:#495057}
.note{background:#fff3bf;padding:.5rem .75rem}.empty{color:#868e96}`;

/** A complete page: inline CSS, no script, no external asset (it opens offline, from a mail). */
export function htmlDocument(title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style></head>`,
    '<body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
