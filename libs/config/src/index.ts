export { loadConfig, loadConfigOrExit, ConfigError } from './load-config.js';
export { commonEnv, kalturaEnv, httpPort, logLevels } from './common-env.js';
