export { loadConfig, loadConfigOrExit, ConfigError } from './load-config.js';
export {
  commonEnv,
  kalturaEnv,
  kalturaCredentialsRule,
  httpPort,
  logLevels,
} from './common-env.js';
