export { AppConfig, Environment, LogLevel, TracingConfig, TracingProtocol } from './app-config';
export { ConfigError } from './config.errors';
export { APP_CONFIG, AppConfigModule, InjectAppConfig } from './config.module';
export { loadAppConfig } from './load-app-config';
export { readEnvironment } from './read-environment';
export { CallerEntry, CallerTier, readCallersFile } from './callers-file';
export { keyDigest, parseRateLimit } from './load-app-config';
