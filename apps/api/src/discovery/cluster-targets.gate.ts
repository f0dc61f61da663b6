import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { CommandPolicy, isBuiltinGroup, Verdict, VerdictCode } from '@app/safety';
import { CallerScope } from '../auth/caller';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { unknownNamespaceMessage, unknownResourceMessage } from '../errors/error-messages';
import { ClusterPicture, ClusterResource } from './cluster-picture';
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
   * not (a custom resource's short name) to a denied resource, or cannot confirm that a type a write
   * changes is a namespaced custom resource outside Kubernetes' own groups.
   * @throws ApiException UNKNOWN_RESOURCE or UNKNOWN_NAMESPACE, with `suggestions`.
   */
  async check(verdict: Verdict, scope: CallerScope | null): Promise<Verdict> {
    const targets = verdict.targets;
    if (!targets || (verdict.decision === 'deny' && !SHOWN_DENIALS.has(verdict.code))) return verdict;
    await this.discovery.settled();
    const picture = this.discovery.picture;
    const customWrites = writesCustomResources(verdict) ? targets.customTypes : [];
    if (!picture) {
      if (customWrites.length > 0) {
        return refuse(verdict, `${customWrites[0]} looks like a custom resource, but discovery has not read the cluster's resource types (${this.discovery.status.state}): a write to a custom resource runs only once discovery confirms what it is`);
      }
      this.logSkip();
      return verdict;
    }
    for (const written of targets.types) {
      const found = lookUpResource(picture, written);
      const custom = customWrites.includes(written);
      if (found === 'category') {
        if (custom) return refuse(verdict, `${written} is a category of resource types: a write to custom resources names one type`);
        continue;
      }
      if (found.length === 0) {
        const suggestions = suggestResources(picture, written, (resource) => isDeniedResource(this.policy, resource));
        throw new ApiException(ApiErrorCode.UNKNOWN_RESOURCE, unknownResourceMessage(written, suggestions), undefined, { suggestions });
      }
      const denied = found.find((resource) => this.policy.refusesResource(resource.name, resource.group));
      if (denied) return refuse(verdict, `${written} is ${qualified(denied)}, a denied resource type (KUBECTL_DENIED_RESOURCES)`);
      const unwritable = custom ? found.map((resource) => whyNotWritable(written, resource)).find(Boolean) : undefined;
      if (unwritable) return refuse(verdict, unwritable);
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
    throw new ApiException(ApiErrorCode.UNKNOWN_NAMESPACE, unknownNamespaceMessage(namespace, suggestions), undefined, { suggestions });
  }

  private logSkip(): void {
    const now = Date.now();
    if (now - this.lastSkipLog < SKIP_LOG_INTERVAL_MS) return;
    this.lastSkipLog = now;
    this.logger.warn(`No cluster picture yet (discovery ${this.discovery.status.state}): resource types and namespaces are not checked against the cluster`);
  }
}

/** Writes, real or as server dry runs, and writes shown but not run while writes are off. */
function writesCustomResources(verdict: Verdict): boolean {
  return verdict.decision === 'write' || verdict.code === VerdictCode.WRITES_DISABLED;
}

/**
 * What keeps a resource the policy took for custom from being written: a built-in group (a CRD
 * served there, such as gateway.networking.k8s.io, extends Kubernetes' own APIs) or a cluster-scoped
 * object, which no namespace rule can hold (it reaches every namespace, protected ones included).
 */
function whyNotWritable(written: string, resource: ClusterResource): string | undefined {
  if (isBuiltinGroup(resource.group)) {
    return `${written} is ${qualified(resource)}, in a built-in API group: writes there are limited to the built-in types each verb lists`;
  }
  if (!resource.namespaced) {
    return `${written} is ${qualified(resource)}, a cluster-scoped custom resource: custom resources may be written only in a namespace, where the namespace rules apply`;
  }
  return undefined;
}

function qualified(resource: ClusterResource): string {
  return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}

function refuse(verdict: Verdict, message: string): Verdict {
  return { decision: 'deny', code: VerdictCode.RESOURCE_DENIED, message, argv: verdict.argv, targets: verdict.targets };
}
