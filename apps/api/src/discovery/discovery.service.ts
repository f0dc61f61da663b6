import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { ClusterQuery, ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { ATTRIBUTES, markFailed, SPAN_NAMES, Span, traced } from '@app/tracing';
import { buildPicture, ClusterPicture, parseApiResources, parseNamespaceNames } from './cluster-picture';

/** pending: no read finished yet; ok: the last read worked; stale: it failed, the previous picture stays; failed: none ever worked. */
export type DiscoveryState = 'pending' | 'ok' | 'stale' | 'failed' | 'off';

export interface DiscoveryStatus {
  readonly state: DiscoveryState;
  /** Seconds since the picture in use was taken; null without one. */
  readonly ageSeconds: number | null;
  readonly fingerprint: string | null;
  readonly lastError: string | null;
}

/** The first read waits this long after start-up, so it never holds the first requests or health checks. */
export const FIRST_REFRESH_DELAY_MS = 200;
/** Requests that arrive before the first read has finished wait for it this long at most. */
export const FIRST_READ_WAIT_MS = 5_000;
const DEFAULT_NAMESPACE = 'default';

/**
 * Keeps a picture of the cluster (resource types, CRDs included, namespaces, default namespace),
 * read with kubectl through the executor after start-up and every DISCOVERY_TTL. One read at a time
 * (callers share the one in flight); a failed read keeps the last good picture.
 */
@Injectable()
export class DiscoveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DiscoveryService.name);
  private readonly ttlMs: number;
  private current: ClusterPicture | null = null;
  private state: DiscoveryState;
  private lastError: string | null = null;
  private inFlight: Promise<ClusterPicture | null> | null = null;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectAppConfig() config: AppConfig,
    private readonly executor: KubectlExecutor,
  ) {
    this.ttlMs = config.discovery.ttlMs;
    this.state = this.ttlMs > 0 ? 'pending' : 'off';
  }

  /** The last good picture, or null (discovery off, not yet read, or never successful). */
  get picture(): ClusterPicture | null {
    return this.current;
  }

  get status(): DiscoveryStatus {
    const picture = this.current;
    return {
      state: this.state,
      ageSeconds: picture ? Math.round((Date.now() - picture.takenAt) / 1000) : null,
      fingerprint: picture?.fingerprint ?? null,
      lastError: this.lastError,
    };
  }

  onApplicationBootstrap(): void {
    if (this.ttlMs === 0) return;
    this.schedule(FIRST_REFRESH_DELAY_MS);
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Resolves at once unless the first read is still to come: then it starts it (or joins it) and
   * waits for it, at most FIRST_READ_WAIT_MS, so the first requests are not answered blind.
   */
  async settled(): Promise<void> {
    if (this.state !== 'pending') return;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FIRST_READ_WAIT_MS);
      timer.unref();
    });
    await Promise.race([this.refresh().then(() => undefined), giveUp]).finally(() => clearTimeout(timer));
  }

  /**
   * Reads the cluster now, or joins the read in flight; resolves to the picture in use afterwards.
   * Each read is a trace of its own (`discovery.refresh`), even when a request is waiting for it.
   */
  refresh(): Promise<ClusterPicture | null> {
    if (this.state === 'off') return Promise.resolve(null);
    this.inFlight ??= traced(SPAN_NAMES.DISCOVERY_REFRESH, { root: true }, (span) => this.tracedRead(span)).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.refresh().finally(() => {
        if (this.timer !== undefined) this.schedule(this.ttlMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tracedRead(span: Span): Promise<ClusterPicture | null> {
    const picture = await this.read();
    span.setAttribute(ATTRIBUTES.DISCOVERY_STATE, this.state);
    if (picture) {
      span.setAttributes({
        [ATTRIBUTES.DISCOVERY_RESOURCE_TYPES]: picture.resources.length,
        [ATTRIBUTES.DISCOVERY_NAMESPACES]: picture.namespaces.length,
        [ATTRIBUTES.DISCOVERY_FINGERPRINT]: picture.fingerprint,
      });
    }
    // The reason (kubectl's stderr) stays in the log: telemetry gets the outcome only.
    if (this.lastError !== null) markFailed(span, 'DISCOVERY_FAILED');
    return picture;
  }

  private async read(): Promise<ClusterPicture | null> {
    try {
      // One after the other: discovery holds at most one slot, and needs no queue place (EXECUTION_QUEUE_LIMIT=0).
      const resources = parseApiResources(await this.query('apiResources'));
      const namespaces = parseNamespaceNames(await this.query('namespaces'));
      const defaultNamespace = await this.query('defaultNamespace').catch(() => '');
      if (resources.length === 0) throw new Error('the cluster listed no resource types');
      const picture = buildPicture(resources, namespaces, defaultNamespace.trim() || DEFAULT_NAMESPACE, Date.now());
      if (picture.fingerprint !== this.current?.fingerprint) {
        this.logger.log(`Cluster discovery: ${resources.length} resource types, ${namespaces.length} namespaces (fingerprint ${picture.fingerprint})`);
      }
      this.current = picture;
      this.state = 'ok';
      this.lastError = null;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.state = this.current ? 'stale' : 'failed';
      this.logger.warn(`Cluster discovery failed (${this.current ? 'keeping the last picture' : 'no picture yet'}): ${this.lastError}`);
    }
    return this.current;
  }

  private async query(query: ClusterQuery): Promise<string> {
    const outcome: ExecutionOutcome = await this.executor.queryCluster(query);
    if (!outcome.success) {
      throw new Error(`kubectl ${query}: ${outcome.error?.message ?? 'failed'}`.slice(0, 500));
    }
    return outcome.stdout;
  }
}
