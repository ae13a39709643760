import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { KdError } from '@kd/events';

/** Deeper than any body we accept (Discord options nest 3 levels, Kaltura objects a few). */
export const maxBodyDepth = 32;

/** NUL and unpaired UTF-16 surrogates: PostgreSQL's jsonb and text refuse them. */
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type JsonShapeProblem = 'too_deep' | 'unstorable_text';

/**
 * The first reason a parsed JSON value cannot be accepted, or undefined. Iterative, so a body
 * nested 10,000 levels deep is measured without recursion.
 */
export function jsonShapeProblem(
  value: unknown,
  maxDepth = maxBodyDepth,
): JsonShapeProblem | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node === 'string') {
      if (unstorable.test(node)) return 'unstorable_text';
    } else if (typeof node === 'object' && node !== null) {
      if (depth >= maxDepth) return 'too_deep';
      for (const [key, child] of Object.entries(node)) {
        if (unstorable.test(key)) return 'unstorable_text';
        stack.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Throws the 400 a body with this problem gets (`HTTP.BODY_TOO_DEEP`, `HTTP.INVALID_TEXT`). */
export function assertStorableJson(value: unknown, maxDepth = maxBodyDepth): void {
  const problem = jsonShapeProblem(value, maxDepth);
  if (problem === 'too_deep')
    throw new KdError(
      'HTTP.BODY_TOO_DEEP',
      `request body is nested more than ${maxDepth} levels deep`,
      'validation',
    );
  if (problem === 'unstorable_text')
    throw new KdError(
      'HTTP.INVALID_TEXT',
      'request body holds text that cannot be stored (a NUL character or an unpaired UTF-16 surrogate)',
      'validation',
    );
}

/** After the body parsers: a parsed body must be shallow enough and storable as text. */
export function bodyShapeGuard(maxDepth = maxBodyDepth) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    try {
      assertStorableJson(request.body, maxDepth);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** "64kb" → 65536 (the forms HTTP_BODY_LIMIT takes); undefined for anything else. */
export function limitInBytes(limit: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(limit.trim());
  if (!match) return undefined;
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Number(match[1]) * unit;
}

/**
 * Before the body parsers. A declared Content-Length over the limit is answered at once (the
 * parsers would first wait for the whole body, holding the connection while a client trickles
 * or never sends it), and the connection is closed after the answer. Bodies must be UTF-8: the
 * signatures are checked over the raw bytes, which are read as UTF-8.
 */
export function bodyHeaderGuard(limit: string) {
  const maxBytes = limitInBytes(limit);
  return (request: Request, response: Response, next: NextFunction): void => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (maxBytes !== undefined && declared > maxBytes) {
      response.setHeader('Connection', 'close');
      next(
        new HttpException(
          {
            error: {
              code: 'HTTP.PAYLOAD_TOO_LARGE',
              message: `request body is too large (limit ${limit})`,
            },
          },
          413,
        ),
      );
      return;
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(
      request.headers['content-type'] ?? '',
    )?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) {
      next(
        new HttpException(
          {
            error: {
              code: 'HTTP.UNSUPPORTED_MEDIA_TYPE',
              message: `unsupported charset ${charset.slice(0, 32)}: send UTF-8`,
            },
          },
          415,
        ),
      );
      return;
    }
    next();
  };
}
