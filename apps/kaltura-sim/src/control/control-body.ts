import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { parseJsonObject, readBody } from '../http/read-body.js';
import { SimControlError } from './sim-control-error.js';

/** Reads and validates a control endpoint's JSON body (an empty body is `{}`). */
export async function controlBody<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
): Promise<z.output<S>> {
  const raw = await readBody(req);
  const json = raw.length === 0 ? {} : parseJsonObject(raw);
  if (json === undefined)
    throw new SimControlError(400, 'SIM.INVALID_REQUEST', 'body must be a JSON object');
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
    );
    throw new SimControlError(400, 'SIM.INVALID_REQUEST', problems.join('; '));
  }
  return parsed.data;
}
