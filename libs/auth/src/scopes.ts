import type { JwtClaims } from './jwt.js';
import { GuildForbiddenError, InsufficientScopeError } from './errors.js';

/** Ordered: each scope includes the ones before it (`write` may read, `operator` may do all). */
export const scopes = ['read', 'write', 'operator'] as const;
export type Scope = (typeof scopes)[number];

export const isScope = (value: string): value is Scope =>
  (scopes as readonly string[]).includes(value);

/** The scopes of a `scope` claim (space-separated, RFC 8693 style); unknown words are errors. */
export function parseScopeClaim(scope: string): Scope[] | undefined {
  const words = scope.split(' ').filter(Boolean);
  if (words.length === 0 || !words.every(isScope)) return undefined;
  return words;
}

const rank = (scope: Scope) => scopes.indexOf(scope);

export function hasScope(claims: Pick<JwtClaims, 'scope'>, required: Scope): boolean {
  const granted = parseScopeClaim(claims.scope) ?? [];
  return granted.some((s) => rank(s) >= rank(required));
}

export function assertScope(claims: Pick<JwtClaims, 'scope'>, required: Scope): void {
  if (!hasScope(claims, required)) throw new InsufficientScopeError(required);
}

/** An operator token acts on any guild; any other only on the guilds it names. */
export function assertGuildAccess(
  claims: Pick<JwtClaims, 'scope' | 'guilds'>,
  guildId: string,
): void {
  if (hasScope(claims, 'operator')) return;
  if (!claims.guilds?.includes(guildId)) throw new GuildForbiddenError(guildId);
}
