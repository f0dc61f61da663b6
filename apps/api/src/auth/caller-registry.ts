import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FSWatcher, watch } from 'node:fs';
import { AppConfig, CallerEntry, ConfigError, InjectAppConfig, keyDigest, readCallersFile } from '@app/config';
import { CallerScope, scopeOfDefaultCaller, scopeOfEntry } from './caller';

/** Keys shorter than this are guessable; the service warns at start-up. */
const MIN_KEY_LENGTH = 16;
/** Editors write a file in several steps; one reload follows the last of them. */
const RELOAD_DEBOUNCE_MS = 200;

/**
 * Who holds which key: API_AUTH_KEY's keys as the caller `default`, and the callers of
 * API_KEYS_FILE. The file is re-read on SIGHUP and when it changes; a bad new file keeps the old
 * callers and logs one error line. Requests that already found their caller keep it.
 */
@Injectable()
export class CallerRegistry implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CallerRegistry.name);
  private readonly defaultKeys: ReadonlyMap<string, CallerScope>;
  private byKey: ReadonlyMap<string, CallerScope>;
  private watcher?: FSWatcher;
  private pendingReload?: NodeJS.Timeout;
  private readonly onHangup = () => this.reload('SIGHUP');

  constructor(@InjectAppConfig() private readonly config: AppConfig) {
    const scope = scopeOfDefaultCaller(config);
    this.defaultKeys = new Map(config.auth.apiKeys.map((key) => [keyDigest(key), scope]));
    this.byKey = this.merge(config.auth.callers);
  }

  /**
   * False when neither API_AUTH_KEY nor API_KEYS_FILE is set: authentication is then off. A keys
   * file, even one reloaded empty, keeps it on: removing every caller refuses everyone.
   */
  get enabled(): boolean {
    return this.defaultKeys.size > 0 || this.config.auth.keysFile !== null;
  }

  /** The caller whose key has this hex SHA-256 digest, if any. */
  callerOf(digest: string): CallerScope | undefined {
    return this.byKey.get(digest);
  }

  onModuleInit(): void {
    if (this.config.auth.apiKeys.some((key) => key.length < MIN_KEY_LENGTH)) {
      this.logger.warn(`API_AUTH_KEY holds a key shorter than ${MIN_KEY_LENGTH} characters: make one with openssl rand -hex 32.`);
    }
    this.warnAboutPlainKeys(this.config.auth.callers);
    const file = this.config.auth.keysFile;
    if (file === null) return;
    process.on('SIGHUP', this.onHangup);
    this.watchAgainLater();
    if (!this.watcher) this.logger.warn(`Cannot watch ${file} for changes; send SIGHUP to reload it.`);
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onHangup);
    clearTimeout(this.pendingReload);
    this.watcher?.close();
  }

  /** Re-reads API_KEYS_FILE; returns whether the new callers took effect. */
  reload(reason: string): boolean {
    const file = this.config.auth.keysFile;
    if (file === null) return false;
    let callers: CallerEntry[];
    try {
      callers = readCallersFile(file, keyDigest);
    } catch (error) {
      const detail = error instanceof ConfigError ? error.message : String(error);
      this.logger.error(`Reloading the callers (${reason}) failed; the previous callers stay in force: ${detail}`);
      return false;
    }
    this.byKey = this.merge(callers);
    this.warnAboutPlainKeys(callers);
    this.logger.log(`Callers reloaded (${reason}): ${callers.length} from ${file}.`);
    return true;
  }

  private merge(callers: readonly CallerEntry[]): ReadonlyMap<string, CallerScope> {
    const merged = new Map(this.defaultKeys);
    for (const entry of callers) merged.set(entry.keySha256, scopeOfEntry(entry, this.config));
    return merged;
  }

  private scheduleReload(): void {
    clearTimeout(this.pendingReload);
    this.pendingReload = setTimeout(() => {
      // Editors that replace the file leave the watcher on the old inode: watch the new one.
      this.watchAgainLater();
      this.reload('file changed');
    }, RELOAD_DEBOUNCE_MS);
    this.pendingReload.unref();
  }

  private watchAgainLater(): void {
    const file = this.config.auth.keysFile;
    if (file === null) return;
    this.watcher?.close();
    try {
      this.watcher = watch(file, () => this.scheduleReload());
      this.watcher.on('error', () => undefined);
    } catch {
      this.watcher = undefined;
    }
  }

  private warnAboutPlainKeys(callers: readonly CallerEntry[]): void {
    const plain = callers.filter((entry) => entry.plainKey).map((entry) => entry.id);
    if (plain.length > 0) {
      this.logger.warn(`API_KEYS_FILE holds plain keys for ${plain.join(', ')}: prefer key_sha256 (sha256sum of the key).`);
    }
  }
}
