export { verifyJwt, signJwt, claimsSchema, type JwtClaims } from './jwt.js';
export {
  AuthError,
  GuildForbiddenError,
  InsufficientScopeError,
  RevocationsNotLoadedError,
  type AuthFailureReason,
} from './errors.js';
export {
  scopes,
  isScope,
  hasScope,
  assertScope,
  assertGuildAccess,
  parseScopeClaim,
  type Scope,
} from './scopes.js';
export { tokenEnv, tokenSettingsOf, type TokenSettings } from './token-env.js';
export { parseDuration } from './duration.js';
export { issueToken, type TokenRequest } from './issue-token.js';
export { RevokedTokens, type RevokedTokensOptions } from './revoked-tokens.js';
export { revokeToken, type Revocation } from './revoke-token.js';
