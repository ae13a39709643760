import type { RenderedChart } from './chart-types.js';

export interface Placed {
  chart: RenderedChart;
  x: number;
  y: number;
}

/**
 * Several rendered charts in one SVG, each a nested `<svg>` at its place. Every chart names its CSS
 * classes and clip paths `zr-…` (render-svg.ts): each chart gets its own prefix.
 */
export function composeSvg(width: number, height: number, parts: readonly Placed[]): string {
  const nested = parts.map(({ chart, x, y }, i) =>
    chart.svg.replace(/\bzr-/g, `kd${i}-`).replace(/^<svg /, `<svg x="${x}" y="${y}" `),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...nested,
    '</svg>',
  ].join('\n');
}
