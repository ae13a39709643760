import { KdError, type SchemaIssue } from '@kd/events';

/** An option Discord let through that our rules refuse; the message is shown to the user. */
export class InvalidOptionError extends KdError {
  constructor(
    readonly command: string,
    readonly issues: SchemaIssue[],
  ) {
    super('COMMAND.INVALID_OPTION', issues.map(describe).join(' '), 'validation', {
      details: { command, issues },
    });
  }
}

/** A command we do not define: Discord still has a stale registration. */
export class UnknownCommandError extends KdError {
  constructor(readonly command: string) {
    super(
      'COMMAND.UNKNOWN',
      `/${command} is not a command of this app (any more). Try again in a minute.`,
      'validation',
      { details: { command } },
    );
  }
}

/** A defined command without a registered handler: a wiring bug of this process. */
export class CommandNotImplementedError extends KdError {
  constructor(readonly command: string) {
    super('COMMAND.NOT_IMPLEMENTED', `/${command} has no handler in this process`, 'internal');
  }
}

/** Every command works on a server's meetings and settings; in a DM there is no server. */
export class GuildOnlyError extends KdError {
  constructor(readonly command: string) {
    super('COMMAND.GUILD_ONLY', `/${command} only works in a server.`, 'permission', {
      details: { command },
    });
  }
}

function describe({ path, message }: SchemaIssue): string {
  return path ? `\`${path}\` ${message}.` : `${message}.`;
}

/** A button whose custom_id we did not make (an old layout, another app's, or forged). */
export class InvalidButtonError extends KdError {
  constructor() {
    super(
      'COMPONENT.INVALID',
      'This button is no longer valid. Use `/kaltura-list` to find the active meetings.',
      'validation',
    );
  }
}

/** A button that answers one member (Confirm/Cancel of `/kaltura-forget-me`), pressed by another. */
export class ButtonNotYoursError extends KdError {
  constructor() {
    super(
      'COMPONENT.NOT_YOURS',
      'Only the member who ran the command can use these buttons.',
      'permission',
    );
  }
}
