import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** A control-endpoint failure, answered as `{error: {code, message}}` with its status. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1_000_000;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Reads a JSON body (an empty body is `{}`) and validates it, listing every problem. */
export async function readJson<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
): Promise<z.output<S>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SimHttpError(413, 'SIM.BODY_TOO_LARGE', 'body over 1 MB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown = {};
  try {
    if (text.trim() !== '') json = JSON.parse(text);
  } catch {
    throw new SimHttpError(400, 'SIM.INVALID_REQUEST', 'body must be JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new SimHttpError(
      400,
      'SIM.INVALID_REQUEST',
      parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}
