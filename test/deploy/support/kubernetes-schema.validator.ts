import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { YamlObject } from './manifest-files';

/** One thing wrong with a manifest: a JSON pointer into the object and what is wrong there. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

interface ValidatingModel {
  validate(): void;
}

interface KubernetesModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: ValidatingModel;
  new (data?: never): ValidatingModel;
}

/** The kinds the deployment files may use; adding a kind here is a deliberate, reviewed step. */
const MODEL_CLASSES: readonly KubernetesModelClass[] = [
  Namespace,
  ServiceAccount,
  ConfigMap,
  Secret,
  Service,
  Deployment,
  PodDisruptionBudget,
  NetworkPolicy,
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
];

interface AjvStyleError {
  readonly instancePath?: string;
  readonly message?: string;
}

/**
 * Validates Kubernetes objects against the API schemas that kubernetes-models ships, strictly.
 *
 * kubernetes-models' own validate() checks types, enums and required fields but accepts unknown
 * fields, so `replicaz: 2` would pass. Its generated validators read every field the schema knows
 * (including each key of map-typed fields such as labels), so the strict pass runs the same
 * validator on a proxy that records those reads: any key it never read is not in the schema.
 */
export class KubernetesSchemaValidator {
  private readonly models = new Map(MODEL_CLASSES.map((model) => [`${model.apiVersion}/${model.kind}`, model]));

  supportedKinds(): string[] {
    return [...this.models.keys()];
  }

  validate(body: YamlObject): SchemaProblem[] {
    const model = this.models.get(`${String(body.apiVersion)}/${String(body.kind)}`);
    if (!model) {
      return [{ path: '/kind', message: `no schema for apiVersion ${String(body.apiVersion)}, kind ${String(body.kind)}` }];
    }
    const schemaProblems = collectValidationErrors(() => new model(body as never).validate());
    return [...schemaProblems, ...this.unknownFields(model, body)];
  }

  private unknownFields(model: KubernetesModelClass, body: YamlObject): SchemaProblem[] {
    const recorder = new FieldReadRecorder();
    // Errors were reported above; this pass only watches which fields the validator looks at.
    collectValidationErrors(() => model.prototype.validate.call(recorder.watch(body)));
    return recorder.unreadPaths(body).map((path) => ({ path, message: 'is not a field of this kind (typo?)' }));
  }
}

function collectValidationErrors(run: () => void): SchemaProblem[] {
  try {
    run();
    return [];
  } catch (error) {
    const details = (error as { errors?: unknown }).errors;
    if (!Array.isArray(details)) return [{ path: '/', message: String(error) }];
    return (details as AjvStyleError[]).map((detail) => ({
      path: detail.instancePath || '/',
      message: detail.message ?? 'is invalid',
    }));
  }
}

/** Wraps an object tree in proxies that remember which keys were read on each object. */
class FieldReadRecorder {
  private readonly readKeys = new WeakMap<object, Set<string>>();
  private readonly proxies = new WeakMap<object, object>();

  watch<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    const known = this.proxies.get(value);
    if (known) return known as T;
    const keys = new Set<string>();
    this.readKeys.set(value, keys);
    const proxy = new Proxy(value, {
      get: (target, key, receiver) => {
        if (typeof key === 'string') keys.add(key);
        return this.watch(Reflect.get(target, key, receiver));
      },
    });
    this.proxies.set(value, proxy);
    return proxy;
  }

  unreadPaths(value: unknown, path = ''): string[] {
    if (typeof value !== 'object' || value === null) return [];
    if (Array.isArray(value)) return value.flatMap((item, index) => this.unreadPaths(item, `${path}/${index}`));
    const keys = this.readKeys.get(value);
    return Object.entries(value).flatMap(([key, child]) => {
      const childPath = `${path}/${key}`;
      // An object the validator never entered is reported once, not field by field.
      if (!keys?.has(key)) return [childPath];
      return this.unreadPaths(child, childPath);
    });
  }
}
