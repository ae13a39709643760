import { SimApiException } from '../api/kaltura-api-exception.js';
import {
  optionalObject,
  pageOf,
  stringParam,
  textParam,
  type SimAction,
} from '../api/sim-action.js';
import type { MediaCatalog } from '../state/media-catalog.service.js';

/** `media.get` and `media.list` (filters: rootEntryIdEqual, nameLike, freeText). */
export function mediaActions(catalog: MediaCatalog): Record<string, SimAction> {
  return {
    get: {
      access: 'session',
      run(params) {
        const entryId = stringParam(params, 'entryId');
        const entry = catalog.get(entryId);
        if (!entry) throw new SimApiException('ENTRY_ID_NOT_FOUND', { ENTRY_ID: entryId });
        return entry;
      },
    },
    list: {
      access: 'session',
      run(params) {
        const filter = optionalObject(params, 'filter');
        const text = (
          textParam(filter, 'nameLike') ??
          textParam(filter, 'freeText') ??
          ''
        ).toLowerCase();
        const root = textParam(filter, 'rootEntryIdEqual');
        const matches = catalog
          .all()
          .filter((e) => root === undefined || e.rootEntryId === root)
          .filter(
            (e) => !text || `${e.name} ${e.description} ${e.tags}`.toLowerCase().includes(text),
          );
        return {
          objectType: 'KalturaMediaListResponse',
          totalCount: matches.length,
          objects: pageOf(matches, optionalObject(params, 'pager')),
        };
      },
    },
  };
}
