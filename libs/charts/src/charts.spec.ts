import { describe, expect, it } from '@jest/globals';
import {
  activityChart,
  cohortHeatmap,
  featureAdoptionChart,
  insightsPng,
  insightsSvg,
  meetingsChart,
  pngSize,
  renderSvg,
  svgToPng,
  targetsChart,
  type InsightsFigures,
} from './index.js';

// A Monday 00:00 in ISO week 53 of 2026: "today" has just begun and is never plotted.
const now = new Date('2026-12-28T00:00:00Z');
const en = { locale: 'en-US' as const, now };

const figures: InsightsFigures = {
  days: [
    { day: '2026-12-27', commands: 12, activeMembers: 4 },
    { day: '2026-12-20', commands: 3, activeMembers: 2 },
    { day: '2026-12-28', commands: 99, activeMembers: 99 }, // today: incomplete, left out
  ],
  weeks: [
    { week: '2026-12-21', meetings: 5 },
    { week: '2026-11-02', meetings: 2 },
  ],
  metrics: [
    { label: 'Commands per active day (7 days)', value: 7.5, target: 5, unit: 'rate' },
    { label: 'Members using commands (30 days)', value: 0.2, target: 0.3, unit: 'ratio' },
    { label: 'Participants per meeting (30 days)', value: null, target: 3, unit: 'rate' },
  ],
};

describe('charts', () => {
  it('draws the last 30 complete days with both series and says what they show', () => {
    const spec = activityChart(figures.days, en);
    const { svg } = renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Commands and active members, last 30 days');
    expect(svg).toContain('Active members');
    expect(svg).toContain('12-27'); // the last complete day
    expect(svg).toContain('11-28'); // the first of the 30
    expect(svg).not.toContain('12-28<');
    expect(spec.alt).toBe(
      'Bar and line chart of the last 30 days (2026-11-28 to 2026-12-27): 15 commands on 2 days, at most 12 on 2026-12-27; up to 4 active members a day.',
    );
  });

  it('counts meetings per complete ISO week, across the year end', () => {
    const spec = meetingsChart(figures.weeks, en);
    expect(spec.alt).toContain(
      'last 8 complete weeks: 7 meetings, at most 5 in the week of 2026-12-21',
    );
    expect(renderSvg(spec).svg).toContain('Meetings per week');
  });

  it('puts each metric against its target with the real values in the labels', () => {
    const spec = targetsChart(figures.metrics, en);
    const { svg } = renderSvg(spec);
    expect(svg).toContain('Target');
    expect(svg).toContain('7.5 / 5');
    expect(svg).toContain('20% / 30%');
    expect(spec.alt).toContain('3 metrics against their targets, 1 on target');
    expect(spec.alt).toContain('Participants per meeting (30 days) — (target 3)');
  });

  it('shades the cohort heatmap and adoption bars in the reader’s language', () => {
    const de = { locale: 'de' as const, now };
    const heatmap = renderSvg(
      cohortHeatmap(
        [
          { cohortWeek: '2026-11-30', weeksSinceInstall: 0, share: 1 },
          { cohortWeek: '2026-11-30', weeksSinceInstall: 1, share: 0.5 },
          { cohortWeek: '2026-12-07', weeksSinceInstall: 0, share: 0.25 },
        ],
        de,
      ),
    );
    expect(heatmap.svg).toContain('Wochen seit Installation');
    expect(heatmap.svg).toMatch(/50\s%/);
    expect(heatmap.alt).toContain('2 wöchentlichen Installationskohorten');
    const adoption = renderSvg(
      featureAdoptionChart(
        [
          { command: 'kaltura-start', share: 0.8 },
          { command: 'kaltura-stats', share: 0 },
        ],
        en,
      ),
    );
    expect(adoption.svg).toContain('kaltura-stats');
    expect(adoption.alt).toContain(
      '2 commands by adoption, 1 in use: kaltura-start 80%, kaltura-stats 0%',
    );
  });

  it('renders a "no data" chart for empty input instead of failing', () => {
    for (const spec of [
      activityChart([], en),
      meetingsChart([], en),
      targetsChart([{ label: 'x', value: null, target: 1, unit: 'rate' }], en),
      cohortHeatmap([], en),
      featureAdoptionChart([], en),
    ]) {
      const { svg, alt } = renderSvg(spec);
      expect(svg).toContain('No data yet');
      expect(alt).toMatch(/: no data yet\.$/);
    }
    const empty = insightsPng({ days: [], weeks: [], metrics: [] }, en);
    expect(pngSize(empty.png)).toEqual({ width: 1000, height: 760 });
  });

  it('rasterizes the picture to a PNG of its fixed size, with text drawn', () => {
    const { png, alt, width, height } = insightsPng(figures, en);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width, height });
    expect({ width, height }).toEqual({ width: 1000, height: 760 });
    expect(alt).toMatch(/^Charts of this server’s usage\. Bar and line chart/);
    // Without any font resvg drops every label: the same SVG must come out different (text drawn).
    const { svg } = insightsSvg(figures, en);
    expect(svgToPng(svg, { fontFiles: [] }).equals(png)).toBe(false);
  });

  it('is deterministic: the same figures and clock give the same bytes', () => {
    expect(insightsSvg(figures, en).svg).toBe(insightsSvg(figures, en).svg);
    expect(insightsPng(figures, en).png.equals(insightsPng(figures, en).png)).toBe(true);
  });
});
