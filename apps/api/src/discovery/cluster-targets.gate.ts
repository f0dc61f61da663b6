import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { CommandPolicy, Verdict, VerdictCode } from '@app/safety';
import { CallerScope } from '../auth/caller';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { ClusterPicture } from './cluster-picture';
import { isDeniedResource } from './denied-resource';
import { DiscoveryService } from './discovery.service';
import { namespaceView } from './namespace-view';
import { lookUpResource, suggestResources } from './resource-lookup';
import { closest } from './suggestions';

/** Denied commands still shown to the caller (writes off, beyond its scope) are checked too. */
const SHOWN_DENIALS: ReadonlySet<VerdictCode> = new Set([VerdictCode.WRITES_DISABLED, VerdictCode.DRY_RUN_UNSUPPORTED, VerdictCode.SCOPE_DENIED]);

/** Without a picture the check is skipped; saying so once per this period keeps the log readable. */
const SKIP_LOG_INTERVAL_MS = 60_000;

/**
 * Checks what a judged command names against the discovered cluster before anything runs: unknown
 * resource types and namespaces are refused with suggestions. Without a picture the check is
 * skipped (and logged): the only fail-open, since the policy has judged the command already.
 */
@Injectable()
export class ClusterTargetsGate {
  private readonly logger = new Logger(ClusterTargetsGate.name);
  private lastSkipLog = 0;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly policy: CommandPolicy,
  ) {}

  /**
   * Returns the verdict, or a RESOURCE_DENIED one when discovery resolves a type the policy could
   * not (a custom resource's short name) to a denied resource.
   * @throws ApiException UNKNOWN_RESOURCE or UNKNOWN_NAMESPACE, with `suggestions`.
   */
  async check(verdict: Verdict, scope: CallerScope | null): Promise<Verdict> {
    const targets = verdict.targets;
    if (!targets || (verdict.decision === 'deny' && !SHOWN_DENIALS.has(verdict.code))) return verdict;
    await this.discovery.settled();
    const picture = this.discovery.picture;
    if (!picture) {
      this.logSkip();
      return verdict;
    }
    for (const written of targets.types) {
      const found = lookUpResource(picture, written);
      if (found === 'category') continue;
      if (found.length === 0) {
        const suggestions = suggestResources(picture, written, (resource) => isDeniedResource(this.policy, resource));
        throw new ApiException(ApiErrorCode.UNKNOWN_RESOURCE, `the cluster serves no resource type "${written}"${hint(suggestions)}`, undefined, { suggestions });
      }
      const denied = found.find((resource) => this.policy.refusesResource(resource.name, resource.group));
      if (denied) {
        const message = `${written} is ${denied.name}${denied.group ? `.${denied.group}` : ''}, a denied resource type (KUBECTL_DENIED_RESOURCES)`;
        return { decision: 'deny', code: VerdictCode.RESOURCE_DENIED, message, argv: verdict.argv, targets };
      }
    }
    // A caller refused a namespace outside its scope learns nothing about whether that namespace exists.
    if (verdict.code === VerdictCode.SCOPE_DENIED) return verdict;
    for (const namespace of targets.namespaces) {
      if (!picture.namespaces.includes(namespace)) this.unknownNamespace(picture, namespace, scope);
    }
    return verdict;
  }

  private unknownNamespace(picture: ClusterPicture, namespace: string, scope: CallerScope | null): never {
    const view = namespaceView(scope, this.config);
    const visible = view === null ? picture.namespaces : picture.namespaces.filter((name) => view.has(name));
    const suggestions = closest(namespace, visible.map((name) => [name, name] as const));
    throw new ApiException(ApiErrorCode.UNKNOWN_NAMESPACE, `the cluster has no namespace "${namespace}"${hint(suggestions)}`, undefined, { suggestions });
  }

  private logSkip(): void {
    const now = Date.now();
    if (now - this.lastSkipLog < SKIP_LOG_INTERVAL_MS) return;
    this.lastSkipLog = now;
    this.logger.warn(`No cluster picture yet (discovery ${this.discovery.status.state}): resource types and namespaces are not checked against the cluster`);
  }
}

function hint(suggestions: readonly string[]): string {
  return suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
}
