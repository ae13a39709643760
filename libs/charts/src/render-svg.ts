import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ChartSpec, RenderedChart } from './chart-types.js';

// Loaded on the first chart, not at start: parsing ECharts costs the api and bot ~1–2 s of startup.
let echartsModule: typeof Echarts | undefined;
const echarts = (): typeof Echarts =>
  (echartsModule ??= createRequire(import.meta.url)('echarts') as typeof Echarts);

/** The family every label asks for; PNG rendering loads this font (svg-to-png.ts). */
export const chartFontFamily = 'DejaVu Sans, Verdana, sans-serif';

/**
 * Server-side SVG through ECharts' SSR renderer: no DOM, no animation, a fixed size, so the same
 * spec always gives the same markup.
 */
export function renderSvg(spec: ChartSpec): RenderedChart {
  const chart = echarts().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: chartFontFamily },
      ...spec.option,
    });
    const svg = renumberClasses(chart.renderToSVGString());
    return { svg, width: spec.width, height: spec.height, alt: spec.alt };
  } finally {
    chart.dispose();
  }
}

/**
 * ECharts names classes and clip paths after a process-wide instance counter (`zr<n>-…`) and
 * numbers classes with a process-wide counter too: renamed here (`zr-…`, classes in order of
 * first use), the same chart gives the same markup whatever was rendered before it.
 */
function renumberClasses(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\bzr\d+-/g, 'zr-').replace(/\bzr-cls-\d+\b/g, (name) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = `zr-cls-${ids.size}`));
    return id;
  });
}
