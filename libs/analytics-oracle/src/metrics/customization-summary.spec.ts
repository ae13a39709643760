import { describe, expect, it } from '@jest/globals';
import { eventFactory, snowflake as sf } from '../events/event-factory.js';
import { ids, metricsAt } from '../testing/analytics-fixtures.js';

const NOW = '2026-03-18T12:00:00.000Z';
const INSTALL = '2026-01-01T00:00:00.000Z';

describe('customization summary', () => {
  it('is null without installed guilds', () => {
    expect(metricsAt([], NOW).customizationSummary).toEqual({
      configuration_rate: null,
      template_customization_rate: null,
      role_mapping_customization_rate: null,
      notification_customization_rate: null,
    });
  });

  it('compares each installed guild’s effective configuration with the defaults', () => {
    const f = eventFactory();
    const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10] = ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    const installed = [c1, c2, c3, c4, c5, c6, c8, c9, c10].map((g) =>
      f.installed(g, g === c9 ? '2026-02-01T00:00:00.000Z' : INSTALL),
    );
    const events = [
      ...installed,
      f.configUpdated(
        c1,
        '2026-02-01T00:00:00.000Z',
        'notifications.templates.meeting_start',
        'Hi {{title}}',
      ),
      f.configUpdated(
        c2,
        '2026-02-01T00:00:00.000Z',
        'roles.mapping.300000000000000001',
        'moderator',
      ),
      f.configUpdated(c2, '2026-02-02T00:00:00.000Z', 'notifications.enabled', false),
      f.configReset(c2, '2026-02-03T00:00:00.000Z', 'notifications'), // back to no notification override
      f.configUpdated(c3, '2026-02-01T00:00:00.000Z', 'notifications.types.meeting_start', false),
      f.configUpdated(c3, '2026-02-02T00:00:00.000Z', 'notifications.types.meeting_start', true), // = default
      f.configUpdated(
        c4,
        '2026-02-01T00:00:00.000Z',
        'notifications.channels.meeting_start',
        sf(400),
      ),
      f.configUpdated(c4, '2026-02-01T00:00:01.000Z', 'features.video_search', false),
      f.configReset(c4, '2026-02-02T00:00:00.000Z', 'all'), // no override left
      f.configUpdated(c5, '2026-02-01T00:00:00.000Z', 'roles.default', 'moderator'), // any only
      f.uninstalled(c6, '2026-03-01T00:00:00.000Z'),
      f.configUpdated(c6, '2026-02-01T00:00:00.000Z', 'notifications.templates.meeting_start', 'x'),
      f.configUpdated(c7, '2026-02-01T00:00:00.000Z', 'notifications.templates.meeting_start', 'x'), // never installed
      f.configUpdated(c8, '2026-04-01T00:00:00.000Z', 'notifications.templates.meeting_start', 'x'), // after now
      f.configUpdated(c9, '2026-01-15T00:00:00.000Z', 'notifications.templates.welcome', 'Hi'), // before install
      f.configUpdated(c10, '2026-02-01T00:00:00.000Z', 'notifications.enabled', false),
    ];
    // installed: c1 c2 c3 c4 c5 c8 c9 c10
    expect(metricsAt(events, NOW).customizationSummary).toEqual({
      configuration_rate: 5 / 8, // c1 c2 c5 c9 c10
      template_customization_rate: 2 / 8, // c1 c9
      role_mapping_customization_rate: 1 / 8, // c2
      notification_customization_rate: 1 / 8, // c10
    });
  });

  it('applies configuration events in occurredAt order, whatever the stream order', () => {
    const f = eventFactory();
    const g = sf(1);
    const reset = f.configReset(g, '2026-02-01T00:00:00.000Z', 'roles');
    const update = f.configUpdated(
      g,
      '2026-02-02T00:00:00.000Z',
      'roles.mapping.300000000000000001',
      'viewer',
    );
    const install = f.installed(g, INSTALL);
    expect(
      metricsAt([install, update, reset], NOW).customizationSummary.role_mapping_customization_rate,
    ).toBe(1);
  });
});
