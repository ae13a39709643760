import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { Scope } from '@kd/auth';
import { API_DOC, API_TAG, type ApiDocOptions } from './api-doc.decorator.js';
import type { RouteDoc } from './openapi.js';
import { REQUIRED_SCOPE } from './require-scope.decorator.js';

/** One route as Nest's metadata has it: OpenAPI path syntax, the scope and doc it declares. */
export interface DeclaredRoute {
  method: RouteDoc['method'];
  path: string;
  handler: string;
  scope: Scope | undefined;
  doc: ApiDocOptions | undefined;
  tag: string | undefined;
}

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`.replace(/:(\w+)/g, '{$1}');

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any controller class
type ControllerClass = Function;

/** Every route of the controllers, read from the metadata Nest routes by. */
export function declaredRoutes(controllers: readonly ControllerClass[]): DeclaredRoute[] {
  return controllers.flatMap((controller) => {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    if (base === undefined) return [];
    const tag = Reflect.getMetadata(API_TAG, controller) as string | undefined;
    const proto = controller.prototype as Record<string, object>;
    return Object.getOwnPropertyNames(proto).flatMap((handler) => {
      const fn = proto[handler];
      const path =
        handler === 'constructor' || typeof fn !== 'function'
          ? undefined
          : (Reflect.getMetadata(PATH_METADATA, fn) as string | undefined);
      if (fn === undefined || path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number] ?? 'GET';
      return [
        {
          method: method.toLowerCase() as RouteDoc['method'],
          path: joinPath(base, path),
          handler: `${controller.name}.${handler}`,
          scope: Reflect.getMetadata(REQUIRED_SCOPE, fn) as Scope | undefined,
          doc: Reflect.getMetadata(API_DOC, fn) as ApiDocOptions | undefined,
          tag,
        },
      ];
    });
  });
}

/** The REST API routes (those declaring a scope) that carry @ApiDoc, ready for buildOpenApi. */
export function routeDocsOf(controllers: readonly ControllerClass[]): RouteDoc[] {
  return declaredRoutes(controllers).flatMap(({ method, path, scope, doc, tag }) =>
    scope && doc ? [{ method, path, scope, tag: tag ?? 'api', ...doc }] : [],
  );
}

/** REST API routes (declaring a scope) without @ApiDoc: missing from OpenAPI. */
export function undocumentedRoutes(controllers: readonly ControllerClass[]): string[] {
  return declaredRoutes(controllers)
    .filter((r) => r.scope !== undefined && r.doc === undefined)
    .map((r) => `${r.handler} (${r.method} ${r.path})`);
}
