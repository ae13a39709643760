type Params = Record<string, unknown>;

/**
 * PHP-style form/query parameters: `filter[objectType]=X&pager[pageSize]=5` becomes nested objects,
 * as Kaltura reads them (numeric keys stay object keys; the API treats them as array items).
 */
export function parseFormParams(query: string): Params {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const path = name.split('[').map((part, i) => (i === 0 ? part : part.replace(/]$/, '')));
    assign(params, path, value);
  }
  return params;
}

function assign(target: Params, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined || head === '' || head === '__proto__') return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const next: Params = typeof child === 'object' && child !== null ? (child as Params) : {};
  target[head] = next;
  assign(next, rest, value);
}
