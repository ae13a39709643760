import 'reflect-metadata';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { scopes } from '@kd/auth';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { buildOpenApi } from './openapi.js';
import { RequireScope } from './require-scope.decorator.js';
import { declaredRoutes, routeDocsOf, undocumentedRoutes } from './route-docs.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any controller class
type ControllerClass = Function;

const sourceRoot = resolve('apps/api/src');
const controllerFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? controllerFiles(join(dir, entry.name))
      : entry.name.endsWith('.controller.ts')
        ? [join(dir, entry.name)]
        : [],
  );

/** Every REST controller class of the api (the ones Nest routes /api/v1 to). */
async function restControllers(): Promise<ControllerClass[]> {
  const classes: ControllerClass[] = [];
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
    for (const value of Object.values(module)) if (typeof value === 'function') classes.push(value);
  }
  return classes;
}

const guarded = (controller: ControllerClass) =>
  ((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[]).includes(JwtAuthGuard);

describe('REST route scopes', () => {
  it('guards every /api/v1 route with JwtAuthGuard and a declared scope', async () => {
    const controllers = await restControllers();
    const routes = declaredRoutes(controllers).filter((r) => r.path.startsWith('/api/v1/'));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const unguarded = controllers.filter((c) => declaredRoutes([c]).length > 0 && !guarded(c));
    expect(unguarded.map((c) => c.name)).toEqual([]);
    const undeclared = routes
      .filter((r) => !(scopes as readonly unknown[]).includes(r.scope))
      .map((r) => `${r.handler} (${r.method} ${r.path}): scope ${String(r.scope)}`);
    expect(undeclared).toEqual([]);
  });

  it('documents every route in OpenAPI with the scope its controller declares', async () => {
    const controllers = await restControllers();
    expect(undocumentedRoutes(controllers)).toEqual([]);
    const declared = declaredRoutes(controllers).map((r) => `${r.method} ${r.path} ${r.scope}`);
    const document = buildOpenApi(routeDocsOf(controllers), 'test') as {
      paths: Record<string, Record<string, { security: { bearer: string[] }[] }>>;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, op]) => `${method} ${path} ${op.security[0]?.bearer[0]}`,
      ),
    );
    expect(documented.sort()).toEqual(declared.sort());
  });

  it('names a route that declares a scope but no documentation', () => {
    @Controller('api/v1/undocumented')
    class UndocumentedController {
      @Get()
      @RequireScope('read')
      list() {
        return [];
      }
    }
    expect(undocumentedRoutes([UndocumentedController])).toEqual([
      'UndocumentedController.list (get /api/v1/undocumented)',
    ]);
    expect(routeDocsOf([UndocumentedController])).toEqual([]);
  });
});
