import { objectParam, optionalObject, pageOf, type SimAction } from '../api/sim-action.js';
import type { MediaCatalog } from '../state/media-catalog.service.js';
import { compileSearch } from './esearch-filter.js';

/** `elasticsearch_esearch.searchEntry`: the query's operator tree applied to the catalogue (esearch-filter.ts). */
export function esearchActions(catalog: MediaCatalog): Record<string, SimAction> {
  const categoryOf = (id: string) => catalog.categories().find((c) => String(c.id) === id);
  return {
    searchentry: {
      access: 'session',
      run(params) {
        const searchParams = objectParam(params, 'searchParams');
        const matches = catalog
          .all()
          .filter(compileSearch(optionalObject(searchParams, 'searchOperator'), { categoryOf }));
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
