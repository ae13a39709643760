import {
  objectParam,
  optionalObject,
  pageOf,
  type Params,
  type SimAction,
} from '../api/sim-action.js';
import type { MediaCatalog } from '../state/media-catalog.service.js';

/** `elasticsearch_esearch.searchEntry`: every search item's term must appear in name, description or tags. */
export function esearchActions(catalog: MediaCatalog): Record<string, SimAction> {
  return {
    searchentry: {
      access: 'session',
      run(params) {
        const searchParams = objectParam(params, 'searchParams');
        const words = searchTerms(optionalObject(searchParams, 'searchOperator'))
          .flatMap((t) => t.toLowerCase().split(/\s+/))
          .filter(Boolean);
        const matches = catalog.all().filter((entry) => {
          const text = `${entry.name} ${entry.description} ${entry.tags}`.toLowerCase();
          return words.every((word) => text.includes(word));
        });
        const objects = pageOf(matches, optionalObject(params, 'pager')).map((object) => ({
          objectType: 'KalturaESearchEntryResult',
          object,
          itemsData: [],
          highlight: [],
        }));
        return { objectType: 'KalturaESearchEntryResponse', totalCount: matches.length, objects };
      },
    },
  };
}

/** Items may be a JSON array or, from a form post, an object keyed "0", "1", …; operators nest. */
function searchTerms(operator: Params): string[] {
  const items = operator.searchItems;
  const list = Array.isArray(items)
    ? items
    : typeof items === 'object' && items !== null
      ? Object.values(items)
      : [];
  return list.flatMap((item): string[] => {
    if (typeof item !== 'object' || item === null) return [];
    const it = item as Params;
    if (it.searchItems !== undefined) return searchTerms(it);
    return typeof it.searchTerm === 'string' ? [it.searchTerm] : [];
  });
}
