/** Times one GET of `url` (body read to the end); throws unless 200. */
export async function timedScrape(url: string): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200)
    throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

/** `count` scrapes one after the other (after `warmup` untimed ones); each one's time in ms. */
export async function scrapeTimes(url: string, count: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await timedScrape(url);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await timedScrape(url)).ms);
  return times;
}

/** Scrapes every `intervalMs` in the background, as Prometheus would, until stopped. */
export function periodicScrape(url: string, intervalMs: number): { stop(): Promise<number> } {
  let scrapes = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await timedScrape(url).then(() => scrapes++);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return scrapes;
    },
  };
}

/** Nearest-rank percentile (p in 0–1) of the values, rounded to 0.1. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return Math.round((at ?? 0) * 10) / 10;
}

/** The value of the first sample of `name` in a Prometheus text exposition; NaN when absent. */
export function sampleValue(body: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(body);
  return match?.[1] === undefined ? Number.NaN : Number(match[1]);
}
