import 'reflect-metadata';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { scopes } from '@kd/auth';
import { apiRoutes } from './api-routes.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { REQUIRED_SCOPE } from './require-scope.decorator.js';

interface Route {
  controller: string;
  handler: string;
  method: string;
  path: string;
  guarded: boolean;
  scope: unknown;
}

const sourceRoot = resolve('apps/api/src');
const controllerFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? controllerFiles(join(dir, entry.name))
      : entry.name.endsWith('.controller.ts')
        ? [join(dir, entry.name)]
        : [],
  );
const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`.replace(/:(\w+)/g, '{$1}');

/** Every route of every controller of the api, read from Nest's own metadata. */
async function allRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of controllerFiles(sourceRoot)) {
    // Controllers outside the REST API (webhooks, interactions, docs) are not loaded here (they
    // pull in ESM-only modules); a source check keeps /api/v1 routes out of them.
    const source = readFileSync(file, 'utf8');
    if (!/@Controller\(\s*'api\/v1|JwtAuthGuard/.test(source)) {
      expect({ file, restRoute: /'api\/v1|"api\/v1|`api\/v1/.test(source) }).toEqual({
        file,
        restRoute: false,
      });
      continue;
    }
    const module = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function') continue;
      const base = Reflect.getMetadata(PATH_METADATA, value) as string | undefined;
      if (base === undefined) continue;
      const classGuards = (Reflect.getMetadata(GUARDS_METADATA, value) ?? []) as unknown[];
      const proto = (value as { prototype: Record<string, unknown> }).prototype;
      for (const handler of Object.getOwnPropertyNames(proto)) {
        const fn = proto[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        if (path === undefined) continue;
        const guards = [
          ...classGuards,
          ...((Reflect.getMetadata(GUARDS_METADATA, fn) ?? []) as unknown[]),
        ];
        routes.push({
          controller: name,
          handler,
          method: String(
            RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number],
          ).toLowerCase(),
          path: joinPath(base, path),
          guarded: guards.includes(JwtAuthGuard),
          scope: Reflect.getMetadata(REQUIRED_SCOPE, fn),
        });
      }
    }
  }
  return routes;
}

describe('REST route scopes', () => {
  it('guards every /api/v1 route with JwtAuthGuard and a declared scope', async () => {
    const routes = (await allRoutes()).filter((r) => r.path.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const undeclared = routes
      .filter((r) => !r.guarded || !(scopes as readonly unknown[]).includes(r.scope))
      .map((r) => `${r.controller}.${r.handler} (${r.method} ${r.path}): scope ${String(r.scope)}`);
    expect(undeclared).toEqual([]);
  });

  it('documents every route in OpenAPI with the scope its controller declares', async () => {
    const declared = (await allRoutes())
      .filter((r) => r.guarded)
      .map((r) => `${r.method} ${r.path} ${String(r.scope)}`)
      .sort();
    const documented = apiRoutes.map((r) => `${r.method} ${r.path} ${r.scope}`).sort();
    expect(documented).toEqual(declared);
  });
});
