import {
  CategoryEntryStatus,
  ESearchCategoryEntryFieldName,
  ESearchEntryFieldName,
  ESearchItemType,
  ESearchOperatorType,
} from '@kd/kaltura';
import { SimApiException } from '../api/kaltura-api-exception.js';
import { textParam, type Params } from '../api/sim-action.js';
import type { SimCategory } from '../state/demo-categories.js';
import type { MediaEntryObject } from '../state/media-catalog.service.js';

export interface SearchContext {
  categoryOf: (id: string) => SimCategory | undefined;
}

type Matcher = (entry: MediaEntryObject) => boolean;

/**
 * An eSearch entry query as a predicate: operators (`KalturaESearchEntryOperator`, AND by default,
 * OR, NOT) over unified, entry and category-entry items, as kaltura/server's ESearch plugin reads
 * them. Unknown item types and field names are refused with Kaltura's errors, never ignored:
 * ignoring a filter would widen the result.
 */
export function compileSearch(operator: Params, ctx: SearchContext): Matcher {
  const children = itemsOf(operator).map((item) => compileItem(item, ctx));
  const op = Number(textParam(operator, 'operator') ?? ESearchOperatorType.and);
  if (op === ESearchOperatorType.or) return (e) => children.some((m) => m(e));
  if (op === ESearchOperatorType.not) return (e) => !children.some((m) => m(e));
  return (e) => children.every((m) => m(e));
}

function compileItem(item: Params, ctx: SearchContext): Matcher {
  const objectType = textParam(item, 'objectType') ?? '';
  switch (objectType) {
    case 'KalturaESearchEntryOperator':
      return compileSearch(item, ctx);
    case 'KalturaESearchUnifiedItem':
      return unified(item);
    case 'KalturaESearchEntryItem':
      return entryField(item);
    case 'KalturaESearchCategoryEntryItem':
      return categoryField(item, ctx);
    default:
      throw new SimApiException('INVALID_OBJECT_TYPE', { INVALID_OBJ_TYPE: objectType });
  }
}

/** Every word of the term in name, description or tags (partial), or the whole name or a tag (exact). */
function unified(item: Params): Matcher {
  const term = (textParam(item, 'searchTerm') ?? '').toLowerCase();
  if (itemTypeOf(item) === ESearchItemType.exactMatch)
    return (e) => e.name.toLowerCase() === term || splitList(e.tags.toLowerCase()).includes(term);
  const words = term.split(/\s+/).filter(Boolean);
  return (e) => {
    const text = `${e.name} ${e.description} ${e.tags}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
}

const entryFields: Record<string, (e: MediaEntryObject) => string[]> = {
  [ESearchEntryFieldName.id]: (e) => [e.id],
  [ESearchEntryFieldName.name]: (e) => [e.name],
  [ESearchEntryFieldName.description]: (e) => [e.description],
  [ESearchEntryFieldName.tags]: (e) => splitList(e.tags),
  [ESearchEntryFieldName.referenceId]: (e) =>
    typeof e.referenceId === 'string' ? [e.referenceId] : [],
  [ESearchEntryFieldName.rootId]: (e) => [e.rootEntryId],
};

function entryField(item: Params): Matcher {
  const field = textParam(item, 'fieldName') ?? '';
  const values = entryFields[field];
  if (!values) throw invalidField(field, 'KalturaESearchEntryFieldName');
  const match = termMatcher(item);
  return (e) => values(e).some(match);
}

function categoryField(item: Params, ctx: SearchContext): Matcher {
  const field = textParam(item, 'fieldName') ?? '';
  const status = textParam(item, 'categoryEntryStatus');
  // Seeded memberships are all active: asking for any other status finds nothing.
  if (status !== undefined && Number(status) !== CategoryEntryStatus.active) return () => false;
  const match = termMatcher(item);
  const categories = (e: MediaEntryObject) =>
    splitList(e.categoriesIds).flatMap((id) => ctx.categoryOf(id) ?? []);
  const values: Record<string, (e: MediaEntryObject) => string[]> = {
    [ESearchCategoryEntryFieldName.id]: (e) => categories(e).map((c) => String(c.id)),
    [ESearchCategoryEntryFieldName.name]: (e) => categories(e).map((c) => c.name),
    [ESearchCategoryEntryFieldName.fullIds]: (e) => categories(e).map((c) => c.fullIds),
    [ESearchCategoryEntryFieldName.ancestorId]: (e) =>
      categories(e).flatMap((c) => c.fullIds.split('>')),
    [ESearchCategoryEntryFieldName.ancestorName]: (e) =>
      categories(e).flatMap((c) => c.fullName.split('>')),
  };
  const of = values[field];
  if (!of) throw invalidField(field, 'KalturaESearchCategoryEntryFieldName');
  return (e) => of(e).some(match);
}

function termMatcher(item: Params): (value: string) => boolean {
  const term = textParam(item, 'searchTerm') ?? '';
  const lower = term.toLowerCase();
  switch (itemTypeOf(item)) {
    case ESearchItemType.exactMatch:
      return (v) => v === term;
    case ESearchItemType.startsWith:
      return (v) => v.toLowerCase().startsWith(lower);
    case ESearchItemType.exists:
      return (v) => v !== '';
    default:
      return (v) => v.toLowerCase().includes(lower);
  }
}

function itemTypeOf(item: Params): number {
  return Number(textParam(item, 'itemType') ?? ESearchItemType.partial);
}

/** Items may be a JSON array or, from a form post, an object keyed "0", "1", …. */
function itemsOf(operator: Params): Params[] {
  const items = operator.searchItems;
  const list = Array.isArray(items)
    ? items
    : typeof items === 'object' && items !== null
      ? Object.values(items)
      : [];
  return list.filter((i): i is Params => typeof i === 'object' && i !== null);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function invalidField(value: string, enumName: string): SimApiException {
  return new SimApiException('INVALID_ENUM_VALUE', {
    VALUE: value,
    PARAM_NAME: 'fieldName',
    ENUM: enumName,
  });
}
