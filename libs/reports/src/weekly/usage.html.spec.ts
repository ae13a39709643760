import { describe, expect, it } from '@jest/globals';
import { installReport } from '@kd/analytics';
import { periodBefore } from '../period.js';
import { renderUsageHtml } from './usage.html.js';
import { renderUsage } from './usage.report.js';
import type { UsageData } from './usage.query.js';

// Monday 2027-01-04: the week reported is 2026-W53 (2026-12-28 … 2027-01-03).
const period = periodBefore('weekly', new Date('2027-01-04T00:00:00Z'));
const hostile = '<script>alert("x")</script>&<img src=https://evil.example/a.png>';
const activity = {
  active_guilds: 2,
  commands: 9,
  errors: 1,
  unique_users: 3,
  meetings_created: 2,
  meetings_ended: 1,
};
const data: UsageData = {
  period,
  metrics: installReport(
    {
      engagement: {
        command_usage_rate: 4.5,
        unique_users_mean: 0.25,
        unique_users_median: 0.2,
        meeting_creation_rate: 1,
        meeting_join_rate: null,
        feature_adoption: 0.5,
        feature_adoption_per_guild_mean: 0.4,
      },
      retention: {
        installed_guilds: 2,
        weekly_active_servers: 1,
        command_retention_30d: null,
        meeting_retention: 0.5,
        server_retention_90d: null,
      },
      customization: {
        configuration_rate: 0.5,
        template_customization_rate: 0,
        role_mapping_customization_rate: 0.5,
        notification_customization_rate: 0,
      },
      live: { installed_guilds: 2, meetings_live: 0, meeting_participants_live: 0 },
    },
    new Date('2027-01-04T00:00:00Z'),
  ),
  stickiness: { guilds: 2, active_days_mean: 3, active_days_median: 3, dau_mau: 0.1 },
  activity,
  previous: { ...activity, commands: 4 },
  features: [
    {
      command: 'kaltura-start',
      user_facing: true,
      runs: 6,
      guilds: 2,
      users: 3,
      errors: 0,
      guild_share: 1,
    },
    {
      command: 'kaltura-stats',
      user_facing: true,
      runs: 0,
      guilds: 0,
      users: 0,
      errors: 0,
      guild_share: 0,
    },
    {
      command: hostile,
      user_facing: false,
      runs: 3,
      guilds: 1,
      users: 1,
      errors: 1,
      guild_share: 0.5,
    },
  ],
  topGuilds: [
    {
      guild_id: hostile,
      commands: 9,
      unique_users: 3,
      active_days: 3,
      meetings_created: 2,
      errors: 1,
    },
  ],
  cohorts: [
    {
      cohort_week: '2026-12-21',
      weeks_since_install: 0,
      cohort_size: 2,
      active_guilds: 2,
      active_share: 1,
      active_guilds_on_or_after: 2,
      active_share_on_or_after: 1,
    },
    {
      cohort_week: '2026-12-21',
      weeks_since_install: 1,
      cohort_size: 2,
      active_guilds: 1,
      active_share: 0.5,
      active_guilds_on_or_after: 1,
      active_share_on_or_after: 0.5,
    },
  ],
};
const trends = {
  days: [
    { day: '2026-12-29', commands: 5, activeMembers: 2 },
    { day: '2027-01-03', commands: 4, activeMembers: 3 },
  ],
  weeks: [{ week: '2026-12-28', meetings: 2 }],
};

describe('weekly report as HTML', () => {
  const html = renderUsageHtml(data, trends, renderUsage(data, '2027-01-04T06:00:00.000Z'));

  it('is one self-contained page: inline SVG charts, no script, no external asset', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>Usage — 2026-W53</title>');
    expect(html.match(/<svg /g)?.length).toBe(6);
    expect(html).not.toMatch(/<script|<link|<img|@import/i);
    // In any tag (user text is escaped, so its "<" never opens one).
    expect(html).not.toMatch(/<[^>]*\s(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html).toContain('Commands and active members, last 30 days');
    expect(html).toContain('Install-cohort retention');
    expect(html).toContain('Feature adoption');
    // Each inline chart keeps its own class and clip-path names.
    expect(html).not.toMatch(/\bzr-/);
    expect(html).toContain('class="chart6-cls-0"');
    expect(html).toMatch(
      /<figcaption>Bar and line chart of the last 30 days \(2026-12-05 to 2027-01-03\): 9 commands on 2 days/,
    );
  });

  it('escapes user text everywhere: tables, chart labels, alt text', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;img');
  });

  it('says when the week had no activity', () => {
    const quiet = renderUsageHtml(
      data,
      { days: [], weeks: [] },
      {
        ...renderUsage(data, '2027-01-04T06:00:00.000Z'),
        quiet: true,
      },
    );
    expect(quiet).toContain('No activity: no event occurred in this week.');
    expect(quiet).toContain('No data yet');
  });
});
