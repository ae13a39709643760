export { verifyJwt, signJwt, claimsSchema, type JwtClaims } from './jwt.js';
export { AuthError, type AuthFailureReason } from './errors.js';
