import { KdError } from '@kd/events';

const didYouMean = (suggestions: readonly string[]) =>
  suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';

export class ConfigUnknownSectionError extends KdError {
  constructor(
    readonly section: string,
    readonly suggestions: readonly string[],
  ) {
    super(
      'CONFIG.UNKNOWN_SECTION',
      `Unknown section "${section}".${didYouMean(suggestions)}`,
      'validation',
      { details: { section, suggestions } },
    );
  }
}

/** Why a key was refused: not a known key, a role mapping whose id is not a role id, a group. */
export type UnknownKeyReason = 'unknown' | 'not_role_id' | 'group';

const unknownKeyLead: Record<UnknownKeyReason, string> = {
  unknown: 'Unknown key',
  not_role_id: 'Not a role id in',
  group: 'Name one key of the group',
};

export class ConfigUnknownKeyError extends KdError {
  constructor(
    readonly key: string,
    readonly suggestions: readonly string[],
    readonly reason: UnknownKeyReason = 'unknown',
  ) {
    super(
      'CONFIG.UNKNOWN_KEY',
      `${unknownKeyLead[reason]} "${key}".${didYouMean(suggestions)}`,
      'validation',
      { details: { key, suggestions, reason } },
    );
  }
}

export class ConfigInvalidValueError extends KdError {
  constructor(
    readonly key: string,
    readonly expected: string,
    readonly problem: string,
  ) {
    super(
      'CONFIG.INVALID_VALUE',
      `Invalid value for ${key}: ${problem}. Expected ${expected}.`,
      'validation',
      {
        details: { key, expected, problem },
      },
    );
  }
}

/** Every problem of an overrides file, so it can be fixed in one round; nothing was applied. */
export class ConfigImportError extends KdError {
  constructor(readonly problems: readonly KdError[]) {
    super(
      'CONFIG.INVALID_IMPORT',
      `Overrides file rejected (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.map((p) => p.message).join(' ')}`,
      'validation',
      { details: { problems: problems.map((p) => ({ code: p.code, message: p.message })) } },
    );
  }
}

export class ConfigConflictError extends KdError {
  constructor(
    readonly guildId: string,
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(
      'CONFIG.CONFLICT',
      `The configuration of guild ${guildId} kept changing concurrently (${attempts} attempts); try again.`,
      'conflict',
      { cause, details: { guildId, attempts } },
    );
  }
}

export class InvalidGuildIdError extends KdError {
  constructor(readonly guildId: string) {
    super('CONFIG.INVALID_GUILD_ID', `"${guildId}" is not a Discord guild id`, 'validation');
  }
}

/** config/default_config.json does not match the schema: the process must not start with it. */
export class DefaultConfigError extends KdError {
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
    cause?: unknown,
  ) {
    super(
      'CONFIG.INVALID_DEFAULTS',
      `${path}: invalid default configuration: ${problems.join('; ')}`,
      'internal',
      { cause, details: { path, problems } },
    );
  }
}
