/**
 * Seeded categories under a root "Discord" (id 200): an entry belongs to every category one of
 * whose tags it carries (so some are in several), and to "Training" when none fits.
 */
export interface SimCategory {
  id: number;
  name: string;
  fullName: string;
  /** `>`-separated ids from the root, as Kaltura's `fullIds`. */
  fullIds: string;
  tags: readonly string[];
}

const ROOT = { id: 200, name: 'Discord' };

const category = (id: number, name: string, tags: readonly string[]): SimCategory => ({
  id,
  name,
  fullName: `${ROOT.name}>${name}`,
  fullIds: `${ROOT.id}>${id}`,
  tags,
});

export const demoCategories: readonly SimCategory[] = [
  category(201, 'Training', ['intro', 'platform', 'classroom', 'moderation', 'quiz', 'captions']),
  category(202, 'Lectures', ['lecture', 'math', 'biology', 'history', 'seminar']),
  category(203, 'Company', [
    'webinar',
    'townhall',
    'company',
    'product',
    'roadmap',
    'hr',
    'onboarding',
    'security',
  ]),
  category(204, 'Community', ['community', 'discord', 'meetup', 'music', 'cooking', 'wellness']),
  category(205, 'Engineering', [
    'programming',
    'ops',
    'databases',
    'engineering',
    'standup',
    'monitoring',
  ]),
];

export function categoriesForTags(tags: string): SimCategory[] {
  const own = new Set(tags.split(',').map((t) => t.trim()));
  const found = demoCategories.filter((c) => c.tags.some((t) => own.has(t)));
  return found.length > 0 ? found : demoCategories.filter((c) => c.id === 201);
}
