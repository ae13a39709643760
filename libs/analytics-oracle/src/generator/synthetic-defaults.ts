import type { JsonObject } from '../json.js';

/**
 * A stand-in for config/default_config.json with the same sections (DESIGN §5): the generator
 * and the tests take defaults as a parameter, so the real file can replace it.
 */
export const syntheticDefaultConfig: JsonObject = {
  notifications: {
    enabled: true,
    types: { meeting_start: true, meeting_end: true, recording_ready: true },
    templates: {
      meeting_start: '📅 **{{title}}** has started — join with /kaltura-join',
      meeting_end: '✅ **{{title}}** has ended',
      recording_ready: '🎬 The recording of **{{title}}** is ready',
    },
    channels: {},
  },
  commands: {
    enabled: {
      'kaltura-start': true,
      'kaltura-join': true,
      'kaltura-list': true,
      'kaltura-end': true,
      'kaltura-video-search': true,
    },
    permissions: {
      'kaltura-config-update': ['ADMINISTRATOR'],
      'kaltura-config-reset': ['ADMINISTRATOR'],
    },
  },
  roles: { mapping: {}, default: 'viewer' },
  features: { video_search: true, recordings: true, stats: true },
};
