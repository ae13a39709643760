export { loadConfig, loadConfigOrExit, ConfigError } from './load-config.js';
export { commonEnv, httpPort, logLevels } from './common-env.js';
