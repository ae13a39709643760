import { describe, expect, it } from '@jest/globals';
import type { GuildConfig } from '@kd/guild-config';
import type { Locale } from '@kd/i18n';
import { localizedDuration, notificationLocale, templateText } from './localized-text.js';
import { defaults } from './notification.fixture.js';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000).toISOString();
const withLocale = (locale: Locale, template?: string): GuildConfig => ({
  ...defaults,
  general: { ...defaults.general, locale },
  notifications: {
    ...defaults.notifications,
    templates: {
      ...defaults.notifications.templates,
      ...(template ? { meeting_end: template } : {}),
    },
  },
});
const values = { title: '**Sync**', duration: '12 min', endedBy: 'Kaltura' };

describe('localizedDuration', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [59 * 60 + 59, '59 min'],
    [3600 + 5 * 60, '1 h 05 min'],
    [23 * 3600 + 59 * 60, '23 h 59 min'],
    [2 * 86_400 + 3 * 3600 + 60, '2 d 3 h'],
  ])('formats %i seconds as %s in English', (seconds, text) => {
    expect(localizedDuration(at(0), at(seconds), 'en-US')).toBe(text);
  });

  it('speaks the guild language, and reports an end before the start (clock skew) as none', () => {
    expect(localizedDuration(at(0), at(3900), 'de')).toBe('1 Std. 05 Min.');
    expect(localizedDuration(at(0), at(2 * 86_400), 'fr')).toBe('2 j 0 h');
    expect(localizedDuration(at(100), at(40), 'pt-BR')).toBe('0 s');
  });
});

describe('templateText', () => {
  it('renders the English default exactly as config/default_config.json has it', () => {
    expect(templateText('meeting_end', defaults, defaults, values)).toBe(
      '🏁 ****Sync**** has ended after 12 min.',
    );
  });

  it('translates a default template into the guild language', () => {
    expect(templateText('meeting_end', withLocale('de'), defaults, values)).toBe(
      '🏁 ****Sync**** ist nach 12 min zu Ende.',
    );
  });

  it("keeps a guild's own template as written, whatever its language", () => {
    const own = withLocale('fr', 'Fini : {{title}} ({{duration}})');
    expect(templateText('meeting_end', own, defaults, values)).toBe('Fini : **Sync** (12 min)');
  });

  it("follows the guild's general.locale", () => {
    expect(notificationLocale(withLocale('pt-BR'))).toBe('pt-BR');
    expect(notificationLocale(defaults)).toBe('en-US');
  });
});
