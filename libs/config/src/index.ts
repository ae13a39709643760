export { loadConfig, ConfigError } from './load-config.js';
export { commonEnv, httpPort, logLevels } from './common-env.js';
