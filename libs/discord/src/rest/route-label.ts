const STATIC_SEGMENT = /^(@[a-z]+|[a-z][a-z0-9_-]*)$/;
const MAX_LABEL_SEGMENTS = 8;

/**
 * A bounded metric label for an API path: snowflakes, webhook/interaction tokens, invite codes,
 * emoji and anything else that is not a fixed lowercase word become placeholders, so neither
 * ids nor tokens ever reach Prometheus. `/webhooks/1…/aW50…/messages/@original` →
 * `/webhooks/:id/:token/messages/@original`.
 */
export function routeLabel(path: string): string {
  const segments = (path.split('?')[0] ?? '').split('/').filter(Boolean);
  const labelled = segments.map((segment, i) => placeholder(segments, i, segment));
  return `/${labelled.slice(0, MAX_LABEL_SEGMENTS).join('/')}`;
}

function placeholder(segments: string[], i: number, segment: string): string {
  const previous = segments[i - 1];
  if (/^\d+$/.test(segment)) return ':id';
  if (previous === 'reactions') return ':reaction';
  if (i >= 2 && ['webhooks', 'interactions'].includes(segments[i - 2] ?? '')) return ':token';
  if (previous === 'invites' || previous === 'templates') return ':code';
  return STATIC_SEGMENT.test(segment) && segment.length <= 32 ? segment : ':param';
}
