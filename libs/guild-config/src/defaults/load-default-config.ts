import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultConfigError } from '../errors.js';
import { deepFreeze } from '../domain/json-value.js';
import { guildConfigSchema, type GuildConfig } from '../schema/guild-config.schema.js';

const relativePath = join('config', 'default_config.json');

/**
 * Finds config/default_config.json by walking up from this module: the same code finds it from
 * libs/ in the repository and from dist/libs/ in the image (whose /app holds config/).
 */
export function findDefaultConfigPath(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, relativePath);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new DefaultConfigError(relativePath, [`not found above ${from}`]);
  }
}

/** Validates a default configuration, listing every problem; the result is frozen. */
export function parseDefaultConfig(json: unknown, source = 'default config'): GuildConfig {
  const result = guildConfigSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
    );
    throw new DefaultConfigError(source, problems);
  }
  return deepFreeze(result.data);
}

/** Reads and validates the defaults (synchronously: once, at start-up). */
export function loadDefaultConfig(path = findDefaultConfigPath()): GuildConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DefaultConfigError(path, [String(error)], error);
  }
  return parseDefaultConfig(json, path);
}
