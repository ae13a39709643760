import { SimApiException } from '../api/kaltura-api-exception.js';
import {
  optionalObject,
  pageOf,
  stringParam,
  textParam,
  type SimAction,
} from '../api/sim-action.js';
import type { MediaCatalog } from '../state/media-catalog.service.js';

/**
 * `media.get` and `media.list` (filters: idEqual, idIn, categoriesIdsMatchOr,
 * categoriesIdsMatchAnd, rootEntryIdEqual, nameLike, freeText; every one given must hold).
 */
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
        const idEqual = textParam(filter, 'idEqual');
        const idIn = listParam(filter, 'idIn');
        const anyOf = listParam(filter, 'categoriesIdsMatchOr');
        const allOf = listParam(filter, 'categoriesIdsMatchAnd');
        const categoriesOf = (e: { categoriesIds: string }) => e.categoriesIds.split(',');
        const matches = catalog
          .all()
          .filter((e) => root === undefined || e.rootEntryId === root)
          .filter((e) => idEqual === undefined || e.id === idEqual)
          .filter((e) => idIn === undefined || idIn.includes(e.id))
          .filter((e) => anyOf === undefined || categoriesOf(e).some((c) => anyOf.includes(c)))
          .filter((e) => allOf === undefined || allOf.every((c) => categoriesOf(e).includes(c)))
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

/** Kaltura's `…In` / `…MatchOr` filters: comma-separated values; absent when not given. */
function listParam(filter: Record<string, unknown>, name: string): string[] | undefined {
  const text = textParam(filter, name);
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
