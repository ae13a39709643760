import { describe, expect, it } from '@jest/globals';
import { defaults } from './config-test-kit.js';
import { effectiveConfig } from './effective-config.js';
import { FeatureDisabledError, requireMeetingType } from './feature-gates.js';

describe('feature gates for kinds of meetings', () => {
  it.each([
    ['webinar', 'webinars'],
    ['classroom', 'classrooms'],
  ] as const)('refuses a %s while features.%s is off, with FEATURE.DISABLED', (type, feature) => {
    const off = effectiveConfig(defaults, { [`features.${feature}`]: false });
    expect(() => requireMeetingType(defaults, type)).not.toThrow();
    expect(() => requireMeetingType(off, type)).toThrow(FeatureDisabledError);
    expect(() => requireMeetingType(off, type)).toThrow(`features.${feature}`);
    expect(new FeatureDisabledError(feature)).toMatchObject({
      code: 'FEATURE.DISABLED',
      category: 'permission',
    });
  });

  it('never refuses a plain meeting', () => {
    const allOff = effectiveConfig(defaults, {
      'features.webinars': false,
      'features.classrooms': false,
    });
    expect(() => requireMeetingType(allOff, 'meeting')).not.toThrow();
  });
});
