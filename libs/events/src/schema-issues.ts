import type { z } from 'zod';
import type { SchemaIssue } from './errors.js';

/** Flattens zod issues into `path: message` pairs that read well in logs and API errors. */
export function toSchemaIssues(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
