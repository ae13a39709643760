import { KdError } from '@kd/events';
import { ConfigImportError, ConfigInvalidValueError } from '../errors.js';
import { knownKeyPatterns } from '../keys/config-keys.js';
import { validateUpdate, type ValidatedUpdate } from '../keys/validate-update.js';
import { isPlainObject } from './json-value.js';

const isGroup = (path: string) =>
  path === '' || knownKeyPatterns.some((key) => key.startsWith(`${path}.`));

/**
 * A partial configuration (the shape of config/default_config.json, any subset of it) as one
 * validated update per leaf. Every problem is collected; any problem rejects the whole file.
 */
export function flattenOverrides(file: unknown): ValidatedUpdate[] {
  if (!isPlainObject(file))
    throw new ConfigImportError([
      new ConfigInvalidValueError(
        '(file)',
        'a JSON object of sections',
        `got ${JSON.stringify(file)}`,
      ),
    ]);
  const updates: ValidatedUpdate[] = [];
  const problems: KdError[] = [];
  walk(file, '', updates, problems);
  if (problems.length > 0) throw new ConfigImportError(problems);
  return updates;
}

function walk(node: unknown, path: string, updates: ValidatedUpdate[], problems: KdError[]): void {
  if (isPlainObject(node) && isGroup(path)) {
    for (const [key, child] of Object.entries(node))
      walk(child, path ? `${path}.${key}` : key, updates, problems);
    return;
  }
  try {
    updates.push(validateUpdate(path, node));
  } catch (error) {
    if (!(error instanceof KdError)) throw error;
    problems.push(error);
  }
}
