import { signJwt } from '../jwt.js';

/**
 * `npm run api:token -- <subject> [hours] [guildId,...]`: prints a REST API bearer token signed
 * with JWT_SECRET (from the environment), valid for `hours` (default 24), limited to the given
 * guilds when listed.
 */
const [subject, hours = '24', guilds] = process.argv.slice(2);
const secret = process.env.JWT_SECRET;
if (!subject || !secret || Buffer.byteLength(secret) < 32 || !/^\d+(\.\d+)?$/.test(hours)) {
  process.stderr.write(
    'usage: JWT_SECRET=… npm run api:token -- <subject> [hours] [guildId,...]  (JWT_SECRET ≥ 32 bytes)\n',
  );
  process.exit(1);
}
const now = Math.floor(Date.now() / 1000);
const guildIds = guilds?.split(',').filter(Boolean);
process.stdout.write(
  `${signJwt({ sub: subject, iat: now, exp: now + Math.round(Number(hours) * 3600), ...(guildIds?.length ? { guilds: guildIds } : {}) }, secret)}\n`,
);
