export { loadConfig, loadConfigOrExit, ConfigError } from './load-config.js';
export {
  commonEnv,
  kalturaEnv,
  kalturaCredentialsRule,
  startRateLimitEnv,
  httpPort,
  logLevels,
} from './common-env.js';
