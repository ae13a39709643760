import type { z } from 'zod';
import { natsAuthProblems } from './nats-auth.js';

export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(
      `${app}: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against an app's schema and returns the typed, defaulted config.
 * Every problem is reported at once, so a broken deployment is fixed in one round.
 */
export function loadConfig<S extends z.ZodType>(
  app: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const variables = blankToUndefined(env);
  const result = schema.safeParse(variables);
  const problems = [
    ...(result.error?.issues ?? []).map((issue) => {
      const key = issue.path.map(String).join('.') || '(environment)';
      return `${key}: ${issue.message}`;
    }),
    ...natsAuthProblems(variables),
  ];
  if (result.success && problems.length === 0) return result.data;
  throw new ConfigError(app, problems);
}

/** `FOO=` in a shell or compose file means "not set", not "set to the empty string". */
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}

/** For an app's main: on a bad environment, print one JSON line naming every problem and exit 1. */
export function loadConfigOrExit<S extends z.ZodType>(
  app: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  try {
    return loadConfig(app, schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = {
      level: 'fatal',
      time: new Date().toISOString(),
      service: app,
      message: error.message,
      problems: error.problems,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  }
}
