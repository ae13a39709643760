import { existsSync } from 'node:fs';
import { z } from 'zod';

/** How a process logs in to NATS (part of commonEnv): a user and password, or a creds file. */
export const natsAuthEnv = {
  NATS_USER: z.string().min(1).optional(),
  NATS_PASSWORD: z.string().min(1).optional(),
  NATS_CREDS: z
    .string()
    .refine((path) => existsSync(path), 'no such file (the NATS creds file: JWT and NKey seed)')
    .optional(),
};

/**
 * The rules between the NATS login variables, which no single variable's schema can see: user
 * and password together or not at all, and not both a user and a creds file. `loadConfig` checks
 * them for every process, beside its schema's problems.
 */
export function natsAuthProblems(env: Record<string, string | undefined>): string[] {
  const { NATS_USER: user, NATS_PASSWORD: password, NATS_CREDS: creds } = env;
  const problems: string[] = [];
  if (user !== undefined && password === undefined)
    problems.push('NATS_PASSWORD: is required with NATS_USER');
  if (password !== undefined && user === undefined)
    problems.push('NATS_USER: is required with NATS_PASSWORD');
  if (creds !== undefined && user !== undefined)
    problems.push('NATS_CREDS: set either NATS_CREDS or NATS_USER and NATS_PASSWORD, not both');
  return problems;
}
