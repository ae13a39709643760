import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KdError } from '@kd/events';
import { InvalidGuildIdError } from '../errors.js';
import { snowflakePattern } from '../schema/leaf-schemas.js';

/** Reads `<directory>/<guildId>.json` (config/overrides/ by convention) as JSON. */
export async function readOverridesFile(directory: string, guildId: string): Promise<unknown> {
  // The id becomes part of a path: only digits may get that far.
  if (!snowflakePattern.test(guildId)) throw new InvalidGuildIdError(guildId);
  const path = join(directory, `${guildId}.json`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new KdError('CONFIG.OVERRIDES_FILE_NOT_FOUND', `cannot read ${path}`, 'not_found', {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KdError(
      'CONFIG.INVALID_IMPORT',
      `${path} is not valid JSON: ${String(error)}`,
      'validation',
      {
        cause: error,
      },
    );
  }
}
