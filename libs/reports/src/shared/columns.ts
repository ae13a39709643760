import type { Column } from '../format/table.js';
import { decimal, integer, percent } from '../format/values.js';

export const text = (key: string, title: string): Column => ({ key, title });
export const count = (key: string, title: string): Column => ({
  key,
  title,
  format: integer,
  align: 'right',
});
export const ratio = (key: string, title: string): Column => ({
  key,
  title,
  format: (v) => percent(v),
  align: 'right',
});
export const rate = (key: string, title: string): Column => ({
  key,
  title,
  format: (v) => decimal(v),
  align: 'right',
});
export const yesNo = (key: string, title: string): Column => ({
  key,
  title,
  format: (v) => (v === true ? 'yes' : v === false ? 'no' : '—'),
});
