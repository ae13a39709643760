import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

export const API_DOC = 'kd:api-doc';
export const API_TAG = 'kd:api-tag';

/** What OpenAPI says about one route beside what Nest already knows (method, path, scope). */
export interface ApiDocOptions {
  summary: string;
  /** The zod schema the handler parses its body with. */
  body?: z.ZodType;
  query?: z.ZodObject;
  /** `contentType`: a body that is not JSON (an image), documented as binary. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
}

/** Documents a REST route; a unit test fails for a route with a scope but no @ApiDoc. */
export const ApiDoc = (doc: ApiDocOptions) => SetMetadata(API_DOC, doc);

/** The OpenAPI tag of every route of a controller. */
export const ApiTag = (tag: string) => SetMetadata(API_TAG, tag);
