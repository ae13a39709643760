import type { EChartsOption } from 'echarts';

export const palette = {
  primary: '#3b6fd8',
  secondary: '#2f9e6e',
  target: '#d9480f',
  muted: '#868e96',
  text: '#212529',
} as const;

/** A chart title in the house style, left-aligned above the plot. */
export const titled = (text: string): EChartsOption['title'] => ({
  text,
  left: 16,
  top: 12,
  textStyle: { fontSize: 16, fontWeight: 'bold', color: palette.text },
});

/** 1234 → "1,234" / "1.234" …; ratios as whole percentages. */
export function formatNumber(locale: string, value: number, unit: 'rate' | 'ratio'): string {
  return unit === 'ratio'
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value)
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
