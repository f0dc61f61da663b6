import { boolFlag, FlagSpec, valueFlag } from './flag-spec';
import { anyValue } from './flag-values';
import {
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILE_FLAGS,
  LOCAL_FLAG,
  OUTPUT_FLAGS,
  WRITE_ALL_FLAG,
  WRITE_ALL_NAMESPACES_FLAG,
  WRITE_FIELD_SELECTOR_FLAG,
  WRITE_SELECTOR_FLAG,
} from './kubectl-flags';

/** Most replicas a write may ask for: a typo should not schedule thousands of pods. */
export const MAX_REPLICAS = 100;

const WORKLOADS = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'replicationcontrollers'];
export const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);
export const ROLLOUTS = new Set(['deployments', 'daemonsets', 'statefulsets']);
export const POD_TEMPLATES = new Set(['pods', ...WORKLOADS, 'jobs', 'cronjobs']);
export const EXPOSABLE = new Set(['pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers']);
export const NODES = new Set(['nodes']);
/** Everyday objects. Not here on purpose: Secrets, RBAC, service accounts, namespaces, CRDs, webhooks, volumes. */
const EVERYDAY = [
  ...POD_TEMPLATES,
  'services',
  'configmaps',
  'ingresses',
  'persistentvolumeclaims',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
];
export const DELETABLE = new Set(EVERYDAY);
export const PATCHABLE = new Set(EVERYDAY);
export const LABELABLE = new Set([...EVERYDAY, 'nodes']);

export const PRINTING: readonly FlagSpec[] = OUTPUT_FLAGS;
export const NAMED_WRITE: readonly FlagSpec[] = [WRITE_ALL_FLAG, WRITE_SELECTOR_FLAG];
export const ROLLOUT_FLAGS: readonly FlagSpec[] = [...FILE_FLAGS, ...PRINTING, WRITE_SELECTOR_FLAG];
/** What most write verbs share: refused file input, output printing, dry run and field manager. */
export const WRITE_FLAGS: readonly FlagSpec[] = [...FILE_FLAGS, ...PRINTING, DRY_RUN_FLAG, FIELD_MANAGER_FLAG];
export const LABEL_FLAGS: readonly FlagSpec[] = [
  ...WRITE_FLAGS,
  ...NAMED_WRITE,
  WRITE_ALL_NAMESPACES_FLAG,
  WRITE_FIELD_SELECTOR_FLAG,
  LOCAL_FLAG,
  boolFlag('list'),
  boolFlag('overwrite'),
  valueFlag('resource-version', anyValue),
];
export const SET_FLAGS: readonly FlagSpec[] = [...WRITE_FLAGS, ...NAMED_WRITE, LOCAL_FLAG];
