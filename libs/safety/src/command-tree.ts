import { CLIENT_DRY_RUN_RULES } from './client-dry-run-verbs';
import { CREATE_OBJECT_RULES } from './create-object-verbs';
import { CREATE_FROM_FILES, CREATE_RULES, CREATE_SERVICE_RULES } from './create-verbs';
import { FlagTable } from './flag-spec';
import { APPLY_LOOKUP_FLAGS } from './kubectl-flags';
import { READ_RULES } from './read-verbs';
import { VerbRule } from './verb-rule';
import { WRITE_RULES } from './write-verbs';

/** A kubectl command path: runnable (rule), a parent of subcommands, or always refused. */
export interface CommandNode {
  readonly rule?: VerbRule;
  readonly children?: ReadonlyMap<string, CommandNode>;
  /** Refused; a refused node with children (`apply`) still leads to its allowed subcommands. */
  readonly denied?: string;
  /** The flags kubectl knows at a node without a rule while it looks up a subcommand. */
  readonly lookupFlags?: FlagTable;
}

const RULES = new Map([...READ_RULES, ...WRITE_RULES, ...CLIENT_DRY_RUN_RULES.values()].map((rule) => [rule.verb, rule]));

function leaf(verb: string): CommandNode {
  const rule = RULES.get(verb);
  if (rule === undefined) throw new Error(`no rule for kubectl ${verb}`);
  return { rule };
}

function refused(reason: string): CommandNode {
  return { denied: reason };
}

/** Builds a name -> node map where every alias kubectl accepts points at the same node. */
function children(entries: readonly (readonly [string, CommandNode])[]): ReadonlyMap<string, CommandNode> {
  const map = new Map<string, CommandNode>();
  for (const [names, node] of entries) for (const name of names.split(' ')) map.set(name, node);
  return map;
}

const RUNS_PROCESSES = 'it runs processes in, or opens connections into, the cluster';
const READS_FILES = 'it reads manifests from files, URLs or stdin';
const RBAC = 'RBAC changes can escalate privileges';

const CREATE = children([
  ...[...CREATE_RULES].map(([name, rule]) => [name, { rule }] as const),
  ['ns', { rule: CREATE_RULES.get('namespace') }],
  ['deploy', { rule: CREATE_RULES.get('deployment') }],
  ['cm', { rule: CREATE_RULES.get('configmap') }],
  ['service svc', { children: children([...CREATE_SERVICE_RULES].map(([name, rule]) => [name, { rule }] as const)) }],
  ['secret', refused('Secrets are never read or changed')],
  // Service accounts and RBAC objects only as client-side dry runs, which print and send nothing.
  ['serviceaccount sa', leaf('create serviceaccount')],
  ['role', leaf('create role')],
  ['clusterrole', leaf('create clusterrole')],
  ['rolebinding', leaf('create rolebinding')],
  ['clusterrolebinding', leaf('create clusterrolebinding')],
  ['token', refused('it issues service account tokens')],
  ['cronjob cj', { rule: CREATE_OBJECT_RULES.get('cronjob') }],
  ['ingress ing', { rule: CREATE_OBJECT_RULES.get('ingress') }],
  ['poddisruptionbudget pdb', { rule: CREATE_OBJECT_RULES.get('poddisruptionbudget') }],
  ['quota resourcequota', { rule: CREATE_OBJECT_RULES.get('quota') }],
  ['priorityclass pc', { rule: CREATE_OBJECT_RULES.get('priorityclass') }],
]);

/** Every top-level kubectl v1.32 command; anything else would make kubectl look for a plugin. */
export const COMMAND_TREE: CommandNode = {
  children: children([
    ['get', leaf('get')],
    ['describe', leaf('describe')],
    ['logs', leaf('logs')],
    ['explain', leaf('explain')],
    ['api-resources', leaf('api-resources')],
    ['api-versions', leaf('api-versions')],
    ['version', leaf('version')],
    ['events', leaf('events')],
    ['wait', leaf('wait')],
    [
      'cluster-info',
      { ...leaf('cluster-info'), children: children([['dump', refused('it dumps logs and state of the whole cluster')]]) },
    ],
    ['top', { children: children([['pod pods po', leaf('top pod')], ['node nodes no', leaf('top node')]]) }],
    [
      'auth',
      { children: children([['can-i', leaf('auth can-i')], ['whoami', leaf('auth whoami')], ['reconcile', refused(RBAC)]]) },
    ],
    [
      'rollout',
      {
        children: children(
          ['status', 'history', 'restart', 'undo', 'pause', 'resume'].map((sub) => [sub, leaf(`rollout ${sub}`)] as const),
        ),
      },
    ],
    [
      'set',
      {
        children: children([
          ['image', leaf('set image')],
          ['env', leaf('set env')],
          ['resources', leaf('set resources')],
          ['selector serviceaccount subject', refused('only set image, set env and set resources are allowed')],
        ]),
      },
    ],
    ['create', { rule: CREATE_FROM_FILES, children: CREATE }],
    ...['scale', 'label', 'annotate', 'patch', 'cordon', 'uncordon', 'taint', 'autoscale', 'expose', 'delete'].map(
      (verb) => [verb, leaf(verb)] as const,
    ),
    ['exec attach cp port-forward proxy debug', refused(RUNS_PROCESSES)],
    // Only as a client-side dry run, which prints the pod and starts nothing.
    ['run', leaf('run')],
    [
      'apply',
      {
        denied: READS_FILES,
        lookupFlags: APPLY_LOOKUP_FLAGS,
        children: children([
          ['view-last-applied', leaf('apply view-last-applied')],
          ['edit-last-applied', refused('it opens an interactive editor')],
          ['set-last-applied', refused(READS_FILES)],
        ]),
      },
    ],
    ['replace diff kustomize', refused(READS_FILES)],
    ['edit', refused('it opens an interactive editor')],
    ['drain', refused('it evicts every pod on a node')],
    ['certificate', refused('it approves or denies certificate requests')],
    ['config', refused('it reads or changes kubeconfig files, which hold credentials')],
    ['plugin', refused('plugins are not allowed')],
    ['completion help options alpha', refused('it is not a cluster operation the service offers')],
  ]),
};
