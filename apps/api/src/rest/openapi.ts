import { z } from 'zod';
import type { Scope } from '@kd/auth';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path syntax: `/api/v1/guilds/{guildId}/config`. */
  path: string;
  summary: string;
  tag: string;
  /** The token scope the route needs (its controller's @RequireScope; a test keeps them equal). */
  scope: Scope;
  body?: z.ZodType;
  query?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** OpenAPI 3.1 from the same zod schemas that validate the requests (one source of truth). */
export function buildOpenApi(
  routes: readonly RouteDoc[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
      })),
    ];
    const responses = Object.fromEntries(
      Object.entries({
        ...route.responses,
        400: { description: 'invalid request', schema: errorSchema },
        401: {
          description: 'missing, invalid, expired or revoked bearer token',
          schema: errorSchema,
        },
        403: {
          description: `the token lacks the "${route.scope}" scope, or names other guilds`,
          schema: errorSchema,
        },
        503: {
          description: 'not ready (e.g. the revocation list is not loaded yet); retry',
          schema: errorSchema,
        },
        429: { description: 'rate limited', schema: errorSchema },
      }).map(([status, r]: [string, RouteDoc['responses'][number]]) => [
        status,
        {
          description: r.description,
          ...(r.contentType
            ? { content: { [r.contentType]: { schema: { type: 'string', format: 'binary' } } } }
            : r.schema
              ? {
                  content: {
                    'application/json': {
                      schema: z.toJSONSchema(r.schema, { io: 'output', unrepresentable: 'any' }),
                    },
                  },
                }
              : {}),
        },
      ]),
    );
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        description: `Needs a token with the "${route.scope}" scope.`,
        security: [{ bearer: [route.scope] }],
        parameters,
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }),
                  },
                },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kaltura-discord API',
      version,
      description: 'REST API v1. Errors are `{error: {code, message}}`.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT (HS256)',
          description:
            'HS256 JWT from `npm run api:token`. Required claims: sub, iss (JWT_ISSUER), aud ' +
            '(JWT_AUDIENCE), jti, iat, exp (exp - iat at most JWT_MAX_LIFETIME, 30 days by default), ' +
            'scope (space-separated: read, write, operator; each includes the ones before it) and ' +
            'guilds (the guild ids it may act on) unless scope holds operator (any guild). The ' +
            'security requirement of each operation names the scope it needs. Revoked tokens ' +
            '(POST /api/v1/tokens/{jti}/revoke) are refused by every replica within seconds.',
        },
      },
    },
    paths,
  };
}
