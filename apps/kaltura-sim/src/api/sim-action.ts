import type { KsV2Session } from '@kd/kaltura';
import { SimApiException } from './kaltura-api-exception.js';

export type Params = Record<string, unknown>;

export interface SimAction {
  /** admin: an admin KS (adds, deletes); session: any valid KS; public: no KS (session.start). */
  access: 'admin' | 'session' | 'public';
  run(params: Params, session: KsV2Session | undefined): unknown;
}

/** service (lower case) → action (lower case) → handler. */
export type ActionTable = Record<string, Record<string, SimAction>>;

export function objectParam(params: Params, name: string): Params {
  const value = params[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimApiException('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: name });
  }
  return value as Params;
}

export function optionalObject(params: Params, name: string): Params {
  const value = params[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Params)
    : {};
}

/** A scalar parameter as text (JSON numbers and form strings alike); anything else is absent. */
export function textParam(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function stringParam(params: Params, name: string): string {
  const value = textParam(params, name);
  if (value === undefined || value === '')
    throw new SimApiException('MISSING_MANDATORY_PARAMETER', { PARAM_NAME: name });
  return value;
}

/** Kaltura pagers: `pageSize` (default 30, max 500) and 1-based `pageIndex`, numbers or form strings. */
export function pageOf<T>(items: T[], pager: Params): T[] {
  const size = Math.min(Math.max(Number(pager.pageSize ?? 30) || 30, 1), 500);
  const index = Math.max(Number(pager.pageIndex ?? 1) || 1, 1);
  return items.slice((index - 1) * size, index * size);
}
