import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig, InjectAppConfig } from '@app/config';
import { CommandPolicy } from '@app/safety';
import { CallerScope } from '../auth/caller';
import { ClusterResource } from './cluster-picture';
import { isDeniedResource } from './denied-resource';
import { DiscoveryService } from './discovery.service';
import { namespaceView } from './namespace-view';
import { renderPromptContext } from './prompt-context';

/** The cluster context one caller's generation sends, and a fingerprint for the generation cache's key. */
export interface PromptContext {
  readonly text: string;
  readonly fingerprint: string;
}

/** Distinct caller views kept per picture (a few scopes in practice). */
const MAX_VIEWS = 100;

/** Renders the discovered picture for a caller's view, once per picture and view; denied types are left out. */
@Injectable()
export class ClusterPromptContext {
  private readonly rendered = new Map<string, PromptContext>();
  private renderedFor: string | null = null;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly policy: CommandPolicy,
  ) {}

  /** Null without a picture: the model then gets the rules alone. Waits for the first read after start-up. */
  async forCaller(scope: CallerScope | null): Promise<PromptContext | null> {
    await this.discovery.settled();
    const picture = this.discovery.picture;
    if (!picture) return null;
    if (this.renderedFor !== picture.fingerprint) {
      this.rendered.clear();
      this.renderedFor = picture.fingerprint;
    }
    const view = namespaceView(scope, this.config);
    const key = view === null ? '*' : [...view].sort().join(',');
    let context = this.rendered.get(key);
    if (!context) {
      const hides = (resource: ClusterResource) => isDeniedResource(this.policy, resource);
      const text = renderPromptContext(picture, { namespaces: view, hides, budgetTokens: this.config.discovery.promptTokens });
      context = { text, fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 16) };
      if (this.rendered.size >= MAX_VIEWS) this.rendered.clear();
      this.rendered.set(key, context);
    }
    return context;
  }
}
