import { PatchNode } from './patch-document';
import { MAX_REPLICAS } from './write-groups';

/** Why a patch is refused: the field (as written) and the reason. */
export interface PatchFinding {
  readonly field: string;
  readonly reason: string;
}

type ValueRule = (value: PatchNode) => boolean;

const isFalse: ValueRule = (value) => value.kind === 'scalar' && value.value === false && value.source === 'false';
const isTrue: ValueRule = (value) => value.kind === 'scalar' && value.value === true && value.source === 'true';
const plainInteger = (value: PatchNode, min: number, max: number): boolean =>
  value.kind === 'scalar' && /^\d{1,9}$/.test(value.source) && Number(value.source) >= min && Number(value.source) <= max;
const strings = (value: PatchNode): string[] | undefined =>
  value.kind === 'list' && value.items.every((item) => item.kind === 'scalar' && typeof item.value === 'string')
    ? value.items.map((item) => String((item as { value: string }).value))
    : undefined;
const field = (value: PatchNode, name: string): PatchNode | undefined =>
  value.kind === 'map' ? value.entries.find(([key]) => key.toLowerCase() === name)?.[1] : undefined;
const profileType = (value: PatchNode): boolean => {
  const type = field(value, 'type');
  return type?.kind === 'scalar' && (type.value === 'RuntimeDefault' || type.value === 'Localhost');
};

/**
 * Fields the Pod Security Standards' `restricted` profile constrains, and the only values a
 * patch may set them to. Anything else, including null (removal) and a value a JSON patch does
 * not show, is refused. Keys are compared lowercased: older API servers matched JSON fields
 * case-insensitively.
 */
const RESTRICTED_VALUES: ReadonlyMap<string, readonly [ValueRule, string]> = new Map<string, readonly [ValueRule, string]>([
  ['privileged', [isFalse, 'privileged containers control the node']],
  ['allowprivilegeescalation', [isFalse, 'privilege escalation must stay off (false)']],
  ['hostpid', [isFalse, "the host's process namespace exposes every process on the node"]],
  ['hostipc', [isFalse, "the host's IPC namespace is shared with every process on the node"]],
  ['hostnetwork', [isFalse, "the host's network namespace bypasses network policies"]],
  ['hostprocess', [isFalse, 'Windows host-process containers run on the node']],
  ['hostusers', [isFalse, "only a pod user namespace (false) may be set; the host's is the default"]],
  ['automountserviceaccounttoken', [isFalse, 'mounting a service account token hands its credentials to the pod']],
  ['runasnonroot', [isTrue, 'containers must run as non-root (true)']],
  ['runasuser', [(value) => plainInteger(value, 1, 2_147_483_647), 'containers must run as a non-zero user id']],
  ['runasgroup', [(value) => plainInteger(value, 1, 2_147_483_647), 'containers must run as a non-zero group id']],
  ['procmount', [(value) => value.kind === 'scalar' && value.value === 'Default', 'only the Default /proc mount is allowed']],
  ['seccompprofile', [profileType, 'the seccomp profile must be RuntimeDefault or Localhost']],
  ['apparmorprofile', [profileType, 'the AppArmor profile must be RuntimeDefault or Localhost']],
  ['securitycontext', [(value) => value.kind === 'map', 'a security context may be changed, not removed']],
  ['capabilities', [(value) => value.kind === 'map', 'capabilities may be changed, not removed']],
  ['add', [(value) => (strings(value) ?? ['?']).every((name) => name === 'NET_BIND_SERVICE'), 'only NET_BIND_SERVICE may be added']],
  ['drop', [(value) => (strings(value) ?? []).some((name) => name.toUpperCase() === 'ALL'), 'capabilities must drop ALL']],
  ['replicas', [(value) => plainInteger(value, 0, MAX_REPLICAS), `replicas must be an integer from 0 to ${MAX_REPLICAS}`]],
  ['minreplicas', [(value) => plainInteger(value, 1, MAX_REPLICAS), `minReplicas must be an integer from 1 to ${MAX_REPLICAS}`]],
  ['maxreplicas', [(value) => plainInteger(value, 1, MAX_REPLICAS), `maxReplicas must be an integer from 1 to ${MAX_REPLICAS}`]],
]);

/** Only judged inside `capabilities`: elsewhere `add` and `drop` are ordinary names. */
const CAPABILITY_FIELDS = new Set(['add', 'drop']);

const HOST_VOLUME = 'volumes outside the restricted profile reach the node or external storage';
/** Fields refused with any value (keys compared lowercased); a `*` entry matches as a substring. */
const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['*secret', 'Secrets are never read or changed (secret volumes, secretRef, secretKeyRef, imagePullSecrets...)'],
  ['serviceaccountname', 'the service account decides what the pod may do in the cluster'],
  ['serviceaccount', 'the service account decides what the pod may do in the cluster'],
  ['serviceaccounttoken', 'a projected service account token hands its credentials to the pod'],
  ['externalips', 'external IPs can intercept cluster traffic (CVE-2020-8554)'],
  ['hostpath', "hostPath volumes expose the node's files"],
  ['hostport', "host ports bind the node's network"],
  ['ephemeralcontainers', 'ephemeral containers are debug shells in running pods'],
  ['sysctls', 'sysctls change kernel settings'],
  ['selinuxoptions', 'SELinux options can lift the container out of its label'],
  ['*gmsacredentialspec', 'Windows GMSA credential specs are credentials'],
  ['*apparmor.security.beta.kubernetes.io', 'AppArmor annotations can make a container unconfined'],
  ['*seccomp.security.alpha.kubernetes.io', 'seccomp annotations can make a container unconfined'],
  ['*snippet', 'ingress configuration snippets run in the ingress controller (CVE-2021-25742, CVE-2025-1974)'],
  ...'gitrepo nfs iscsi glusterfs rbd flexvolume cinder cephfs flocker fc azurefile azuredisk vspherevolume quobyte portworxvolume scaleio storageos photonpersistentdisk gcepersistentdisk awselasticblockstore csi'
    .split(' ')
    .map((name) => [name, HOST_VOLUME] as const),
];

function forbidden(key: string): string | undefined {
  return FORBIDDEN.find(([name]) => (name.startsWith('*') ? key.includes(name.slice(1)) : key === name))?.[1];
}

/** Strategic-merge directives that delete what they do not show (`$patch: delete`, `$retainKeys`). */
function directive(key: string, value: PatchNode): string | undefined {
  if (key.startsWith('$setelementorder/')) return undefined;
  if (key === '$patch' && value.kind === 'scalar' && value.value === 'merge') return undefined;
  return 'strategic-merge directives that delete or replace fields are not allowed';
}

/** Walks a decoded patch and returns the first field the policy refuses, anywhere in it. */
export function findForbiddenField(node: PatchNode, parent = ''): PatchFinding | undefined {
  if (node.kind === 'list') {
    for (const item of node.items) {
      const found = findForbiddenField(item, parent);
      if (found) return found;
    }
    return undefined;
  }
  if (node.kind !== 'map') return undefined;
  for (const [written, value] of node.entries) {
    const key = written.toLowerCase();
    if (/[^\x20-\x7e]/.test(written)) return { field: written, reason: 'field names must be printable ASCII' };
    const reason = key.startsWith('$') ? directive(key, value) : judge(key, value, parent);
    if (reason) return { field: written, reason };
    const found = findForbiddenField(value, key);
    if (found) return found;
  }
  return undefined;
}

function judge(key: string, value: PatchNode, parent: string): string | undefined {
  const restricted = CAPABILITY_FIELDS.has(key) && parent !== 'capabilities' ? undefined : RESTRICTED_VALUES.get(key);
  if (restricted) return restricted[0](value) ? undefined : restricted[1];
  return forbidden(key);
}
