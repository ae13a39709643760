import { describe, expect, it } from '@jest/globals';
import { projectionsToRebuild } from './cli/rebuild-projections.js';
import { migrations, migrationTimestamp, projectionNamed, projections } from './registry.js';

describe('the read-model registry', () => {
  it('keeps the one migration sequence existing databases were migrated with', () => {
    expect(migrations.map((m) => m.name)).toEqual([
      'ProjectionInfrastructure1763884800000',
      'EventLog1763884800001',
      'GuildConfig1763884800100',
      'Meetings1763884800200',
      'AnalyticsTables1763884800300',
      'AnalyticsActivityViews1763884800301',
      'AnalyticsSummaryViews1763884800302',
      'AnalyticsCohortViews1763884800303',
      'AnalyticsRole1763884800304',
      'AppRole1763884800900',
      'EventLogStaging1763884800950',
      'MeetingPersonLinks1796428800210',
      'AnalyticsPersonLinks1796428800310',
      'AnalyticsLocaleUsage1796428800330',
      'MeetingSchedules1796464800210',
      'AnalyticsScheduledMeetings1796464800310',
    ]);
  });

  it('names each migration as TypeORM records it, with a unique timestamp', () => {
    for (const Migration of migrations)
      expect((new Migration() as { name?: string }).name).toBe(Migration.name);
    const stamps = migrations.map(migrationTimestamp);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('runs the projections in their order and finds them by name', () => {
    expect(projections.map((p) => p.name)).toEqual([
      'event_log',
      'meetings',
      'guild_config',
      'analytics',
    ]);
    expect(projectionNamed('meetings').name).toBe('meetings');
    expect(() => projectionNamed('nope')).toThrow('unknown projection "nope"');
  });

  it('rebuilds every projection without downtime (shadow tables), all of them with --all', () => {
    expect(projections.filter((p) => !p.shadowRebuild).map((p) => p.name)).toEqual([]);
    expect(projectionsToRebuild(true, undefined)).toEqual(projections);
    expect(projectionsToRebuild(false, 'analytics').map((p) => p.name)).toEqual(['analytics']);
  });
});
