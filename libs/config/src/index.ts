export { AppConfig, AuditSink, Environment, LogLevel } from './app-config';
export { ConfigError } from './config.errors';
export { APP_CONFIG, AppConfigModule, InjectAppConfig } from './config.module';
export { loadAppConfig, parseRateLimit } from './load-app-config';
export { readEnvironment } from './read-environment';
