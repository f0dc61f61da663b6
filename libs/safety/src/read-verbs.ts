import { defineRule } from './define-rule';
import { displayWord } from './display-word';
import { boolFlag, deniedFlag, emptyAllowed, FlagSpec, guardedBool, invalidValue, refusedValue, ValueCheck, valueFlag } from './flag-spec';
import {
  anyValue,
  duration,
  durationAtMost,
  integerBetween,
  notAboutSecrets,
  objectName,
  oneOf,
  timestamp,
} from './flag-values';
import { argumentCount, namesOnly, noArguments, readResources } from './inspections';
import { FILE_FLAGS, OUTPUT_FLAGS, WATCH_FLAGS } from './kubectl-flags';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { checkObjectName, checkResourceType } from './resource-args';
import { CommandLine, Inspection, NO_TYPES, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

/** Longest --timeout for commands that wait (the executor's own timeout applies as well). */
export const MAX_WAIT_SECONDS = 300;

const ALL_NAMESPACES = boolFlag('all-namespaces', 'A');
// An empty selector selects everything, as no selector does: `--field-selector ""` is a plain read.
const SELECTOR = emptyAllowed(valueFlag('selector', anyValue, 'l'));
const FIELD_SELECTOR = emptyAllowed(valueFlag('field-selector', notAboutSecrets));
const CHUNK_SIZE = valueFlag('chunk-size', integerBetween(0, 100000));
const NO_HEADERS = boolFlag('no-headers');
const WAIT_TIMEOUT = valueFlag('timeout', durationAtMost(MAX_WAIT_SECONDS));
const apiVersion: ValueCheck = (value) =>
  /^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(value) ? undefined : invalidValue('expected an API version such as apps/v1');

/**
 * `get --raw` reads any API path, Secrets included, so only the health and version endpoints are
 * allowed (`/readyz?verbose`, `/livez/ping`, `/version`): they carry no object data.
 */
const healthEndpoint: ValueCheck = (value) =>
  /^\/(healthz|livez|readyz)(\/[A-Za-z0-9_-]+)?(\?[A-Za-z0-9=&_,-]*)?$|^\/version\/?$/.test(value)
    ? undefined
    : refusedValue('only /healthz, /livez, /readyz and /version may be read raw: other raw paths bypass the resource checks');

/** `get TYPE...`, or `get --raw PATH` alone. */
function inspectGet(command: CommandLine): Inspection | PolicyDenial {
  return command.has('raw') ? noArguments(command) : READ_ONE_OR_MORE(command);
}

const READ_ONE_OR_MORE = readResources(1);

const GET_FLAGS: readonly FlagSpec[] = [
  ALL_NAMESPACES,
  ...OUTPUT_FLAGS,
  ...FILE_FLAGS,
  ...WATCH_FLAGS,
  valueFlag('raw', healthEndpoint),
  CHUNK_SIZE,
  FIELD_SELECTOR,
  SELECTOR,
  NO_HEADERS,
  boolFlag('ignore-not-found'),
  valueFlag('label-columns', anyValue, 'L'),
  boolFlag('server-print'),
  boolFlag('show-kind'),
  boolFlag('show-labels'),
  valueFlag('sort-by', anyValue),
  valueFlag('subresource', oneOf('status', 'scale')),
];

const LOGS_FLAGS: readonly FlagSpec[] = [
  boolFlag('all-containers'),
  boolFlag('all-pods'),
  valueFlag('container', objectName, 'c'),
  guardedBool('follow', 'following logs never ends', 'f'),
  boolFlag('ignore-errors'),
  deniedFlag('insecure-skip-tls-verify-backend', 'TLS verification may not be disabled', undefined, 'bool'),
  valueFlag('limit-bytes', integerBetween(1, 1e9)),
  valueFlag('max-log-requests', integerBetween(1, 50)),
  valueFlag('pod-running-timeout', duration),
  boolFlag('prefix'),
  boolFlag('previous', 'p'),
  SELECTOR,
  valueFlag('since', duration),
  valueFlag('since-time', timestamp),
  valueFlag('tail', integerBetween(-1, 1e9)),
  boolFlag('timestamps'),
];

/** `logs POD [CONTAINER]` or `logs TYPE/NAME [CONTAINER]`. */
function inspectLogs(command: CommandLine): Inspection | PolicyDenial {
  const problem = argumentCount(command, 0, 2);
  if (problem) return problem;
  const [target, container] = command.positionals;
  if (target !== undefined && target.includes('/')) {
    const type = checkResourceType(target.slice(0, target.indexOf('/')));
    if (isDenial(type)) return type;
    const invalid = checkObjectName(target.slice(target.indexOf('/') + 1));
    if (invalid) return invalid;
  } else if (target !== undefined) {
    const invalid = checkObjectName(target);
    if (invalid) return invalid;
  }
  return (container === undefined ? undefined : checkObjectName(container)) ?? NO_TYPES;
}

/** `explain TYPE[.field.path]`: documentation only, but never about Secrets. */
function inspectExplain(command: CommandLine): Inspection | PolicyDenial {
  const problem = argumentCount(command, 1, 1);
  if (problem) return problem;
  const [path] = command.positionals;
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(path)) {
    return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(path)} is not a resource or field path`);
  }
  const type = checkResourceType(path.split('.')[0]);
  return isDenial(type) ? type : { types: [type] };
}

const CAN_I_VERB = /^([a-z]+|\*)$/;
const CAN_I_TARGET = /^([A-Za-z0-9*][A-Za-z0-9.*/:_-]*|\/[A-Za-z0-9.*/_-]*)$/;

/**
 * `auth can-i VERB [TYPE[/NAME] | URL]`: allowed for every resource, Secrets included, because
 * it asks the API server a yes/no question and reads no object.
 */
function inspectCanI(command: CommandLine): Inspection | PolicyDenial {
  if (command.isTrue('list')) return noArguments(command);
  const problem = argumentCount(command, 1, 2);
  if (problem) return problem;
  const [verb, target] = command.positionals;
  if (!CAN_I_VERB.test(verb)) return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(verb)} is not an API verb`);
  if (target !== undefined && !CAN_I_TARGET.test(target)) {
    return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(target)} is not a resource or URL`);
  }
  return NO_TYPES;
}

export const READ_RULES: readonly VerbRule[] = [
  defineRule({ verb: 'get', tier: 'read', scope: 'resources', flags: GET_FLAGS, inspect: inspectGet }),
  defineRule({
    verb: 'describe',
    tier: 'read',
    scope: 'resources',
    flags: [ALL_NAMESPACES, ...FILE_FLAGS, CHUNK_SIZE, SELECTOR, boolFlag('show-events')],
    inspect: readResources(1),
  }),
  defineRule({ verb: 'logs', tier: 'read', scope: 'namespaced', flags: LOGS_FLAGS, inspect: inspectLogs }),
  defineRule({
    verb: 'top pod',
    tier: 'read',
    scope: 'namespaced',
    flags: [
      ALL_NAMESPACES,
      boolFlag('containers'),
      FIELD_SELECTOR,
      NO_HEADERS,
      SELECTOR,
      valueFlag('sort-by', oneOf('cpu', 'memory')),
      boolFlag('sum'),
      boolFlag('use-protocol-buffers'),
    ],
    inspect: namesOnly(0, 1),
  }),
  defineRule({
    verb: 'top node',
    tier: 'read',
    scope: 'cluster',
    flags: [
      NO_HEADERS,
      SELECTOR,
      boolFlag('show-capacity'),
      valueFlag('sort-by', oneOf('cpu', 'memory')),
      boolFlag('use-protocol-buffers'),
    ],
    inspect: namesOnly(0, 1),
  }),
  defineRule({
    verb: 'explain',
    tier: 'read',
    scope: 'none',
    flags: [
      valueFlag('api-version', apiVersion),
      valueFlag('output', oneOf('plaintext', 'plaintext-openapiv2'), 'o'),
      boolFlag('recursive'),
    ],
    inspect: inspectExplain,
  }),
  defineRule({
    verb: 'api-resources',
    tier: 'read',
    scope: 'none',
    flags: [
      valueFlag('api-group', anyValue),
      boolFlag('cached'),
      valueFlag('categories', anyValue),
      boolFlag('namespaced'),
      NO_HEADERS,
      valueFlag('output', oneOf('wide', 'name', 'json', 'yaml'), 'o'),
      valueFlag('sort-by', oneOf('name', 'kind')),
      valueFlag('verbs', anyValue),
    ],
    inspect: noArguments,
  }),
  defineRule({ verb: 'api-versions', tier: 'read', scope: 'none', flags: [], inspect: noArguments }),
  defineRule({
    verb: 'version',
    tier: 'read',
    scope: 'none',
    flags: [boolFlag('client'), valueFlag('output', oneOf('json', 'yaml'), 'o')],
    inspect: noArguments,
  }),
  defineRule({ verb: 'cluster-info', tier: 'read', scope: 'cluster', flags: [], inspect: noArguments }),
  defineRule({
    verb: 'events',
    tier: 'read',
    scope: 'namespaced',
    flags: [
      ALL_NAMESPACES,
      ...OUTPUT_FLAGS,
      CHUNK_SIZE,
      valueFlag('for', notAboutSecrets),
      NO_HEADERS,
      valueFlag('types', anyValue),
      guardedBool('watch', 'watching never ends', 'w'),
    ],
    inspect: noArguments,
  }),
  defineRule({
    verb: 'auth can-i',
    tier: 'read',
    scope: 'namespaced',
    flags: [ALL_NAMESPACES, boolFlag('list'), NO_HEADERS, boolFlag('quiet', 'q'), valueFlag('subresource', anyValue)],
    inspect: inspectCanI,
  }),
  defineRule({ verb: 'auth whoami', tier: 'read', scope: 'none', flags: OUTPUT_FLAGS, inspect: noArguments }),
  defineRule({
    verb: 'rollout status',
    tier: 'read',
    scope: 'resources',
    flags: [
      ...FILE_FLAGS,
      valueFlag('revision', integerBetween(0, 1e9)),
      SELECTOR,
      WAIT_TIMEOUT,
      // Watching is the default here, and it ends with the rollout (or --timeout, or the executor's limit).
      boolFlag('watch', 'w'),
    ],
    inspect: readResources(1),
  }),
  defineRule({
    verb: 'rollout history',
    tier: 'read',
    scope: 'resources',
    flags: [...FILE_FLAGS, ...OUTPUT_FLAGS, valueFlag('revision', integerBetween(0, 1e9)), SELECTOR],
    inspect: readResources(1),
  }),
  defineRule({
    verb: 'apply view-last-applied',
    tier: 'read',
    scope: 'resources',
    flags: [boolFlag('all'), ...FILE_FLAGS, valueFlag('output', oneOf('yaml', 'json'), 'o'), SELECTOR],
    inspect: readResources(1),
    defaultOutput: 'yaml',
  }),
  defineRule({
    verb: 'wait',
    tier: 'read',
    scope: 'resources',
    flags: [
      boolFlag('all'),
      ALL_NAMESPACES,
      ...OUTPUT_FLAGS,
      // kubectl wait has -f and -R but no -k.
      ...FILE_FLAGS.filter((spec) => spec.name !== 'kustomize'),
      FIELD_SELECTOR,
      valueFlag('for', anyValue),
      deniedFlag('local', 'only meaningful with --filename', undefined, 'bool'),
      SELECTOR,
      WAIT_TIMEOUT,
    ],
    inspect: readResources(1),
  }),
];
