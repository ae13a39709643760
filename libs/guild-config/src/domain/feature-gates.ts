import { KdError } from '@kd/events';
import type { FeatureName } from '../schema/config-catalog.js';
import type { GuildConfig } from '../schema/guild-config.schema.js';

/** A guild turned off the feature a request needs (`features.*` in the configuration). */
export class FeatureDisabledError extends KdError {
  constructor(readonly feature: FeatureName) {
    super(
      'FEATURE.DISABLED',
      `${featureLabel[feature]} are turned off on this server (\`features.${feature}\`).`,
      'permission',
      { details: { feature } },
    );
  }
}

const featureLabel: Record<FeatureName, string> = {
  video_search: 'Video searches',
  recordings: 'Recordings',
  webinars: 'Webinars',
  classrooms: 'Classrooms',
};

/** The feature a kind of meeting needs; a plain meeting needs none. */
const featureOfMeetingType: Record<string, FeatureName | undefined> = {
  webinar: 'webinars',
  classroom: 'classrooms',
};

/** Throws FEATURE.DISABLED when the guild turned off what it names. */
export function requireFeature(config: GuildConfig, feature: FeatureName): void {
  if (!config.features[feature]) throw new FeatureDisabledError(feature);
}

/** `/kaltura-start type:webinar` needs `features.webinars`, `type:classroom` `features.classrooms`. */
export function requireMeetingType(config: GuildConfig, type: string): void {
  const feature = featureOfMeetingType[type];
  if (feature) requireFeature(config, feature);
}
