import type { Cell } from './table.js';

/** Markdown formats; `—` marks "no value" (a denominator of 0: the views give NULL). */
export const dash = '—';

export function percent(value: Cell, digits = 1): string {
  return typeof value === 'number' ? `${(value * 100).toFixed(digits)}%` : dash;
}

export function decimal(value: Cell, digits = 2): string {
  return typeof value === 'number' ? value.toFixed(digits) : dash;
}

export function integer(value: Cell): string {
  return typeof value === 'number' ? Math.round(value).toLocaleString('en-US') : dash;
}

export function milliseconds(value: Cell): string {
  return typeof value === 'number' ? `${Math.round(value).toLocaleString('en-US')} ms` : dash;
}

/** `+12.5%` / `−3.0%` change from `before` to `after`; `—` when `before` is 0 or missing. */
export function change(after: number | null, before: number | null): string {
  if (after === null || before === null || before === 0) return dash;
  const pct = ((after - before) / before) * 100;
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** Whether a metric meets its seed target, as a word (the Markdown is read in plain text too). */
export function status(onTarget: boolean | null): string {
  return onTarget === null ? 'no data' : onTarget ? 'on target' : 'below target';
}
