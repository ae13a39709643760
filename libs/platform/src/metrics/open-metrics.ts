import { Registry } from 'prom-client';

type Metric = ReturnType<Registry['getMetricsAsArray']>[number];

export const openMetricsContentType = Registry.OPENMETRICS_CONTENT_TYPE;

/** True when the scraper's Accept header asks for OpenMetrics (Prometheus does with exemplar storage). */
export function wantsOpenMetrics(accept: string | undefined): boolean {
  return /application\/openmetrics-text/i.test(accept ?? '');
}

interface Formatter {
  getMetricsAsString(metric: Metric): Promise<string>;
}

/**
 * The registry in OpenMetrics text (exemplars included), without switching the shared registry:
 * prom-client's own OpenMetrics path renames counters in place, which would change the classic
 * exposition for every later scrape. Counters are handed over under their OpenMetrics family
 * name (without `_total`) on a stand-in object, so the samples keep their names.
 */
export async function openMetricsText(
  source: Registry,
  defaultLabels: Record<string, string>,
): Promise<string> {
  const formatter = new Registry();
  formatter.setContentType(Registry.OPENMETRICS_CONTENT_TYPE as never);
  formatter.setDefaultLabels(defaultLabels);
  const format = formatter as unknown as Formatter;
  const families = await Promise.all(
    source.getMetricsAsArray().map((metric) => format.getMetricsAsString(familyOf(metric))),
  );
  return `${families.join('\n')}\n# EOF\n`;
}

function familyOf(metric: Metric): Metric {
  const { name, type } = metric as unknown as { name: string; type: string };
  if (type !== 'counter' || !name.endsWith('_total')) return metric;
  return Object.create(metric, { name: { value: name.slice(0, -'_total'.length) } }) as Metric;
}
