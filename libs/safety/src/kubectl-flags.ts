import { boolFlag, deniedFlag, FlagSpec, flagTable, guardedBool, optionalFlag, valueFlag } from './flag-spec';
import { anyValue, duration, namespaceName, oneOf, outputFormat, verbosity } from './flag-values';

const CREDENTIALS = 'it changes which cluster or credentials kubectl uses';
const LOCAL_FILES = 'it makes kubectl read or write files on the server';

/** Global options (`kubectl options`, v1.32) the policy lets through, before or after the verb. */
export const ALLOWED_GLOBAL_FLAGS: readonly FlagSpec[] = [
  valueFlag('namespace', namespaceName, 'n'),
  valueFlag('request-timeout', duration),
  boolFlag('match-server-version'),
  boolFlag('disable-compression'),
  boolFlag('warnings-as-errors'),
  valueFlag('v', verbosity, 'v'),
  valueFlag('log-flush-frequency', duration),
];

/** Global options that are refused in every spelling. */
export const DENIED_GLOBAL_FLAGS: readonly FlagSpec[] = [
  deniedFlag('server', CREDENTIALS, 's'),
  deniedFlag('token', CREDENTIALS),
  deniedFlag('kubeconfig', CREDENTIALS),
  deniedFlag('context', CREDENTIALS),
  deniedFlag('cluster', CREDENTIALS),
  deniedFlag('user', CREDENTIALS),
  deniedFlag('username', CREDENTIALS),
  deniedFlag('password', CREDENTIALS),
  deniedFlag('as', 'impersonation is not allowed'),
  deniedFlag('as-group', 'impersonation is not allowed'),
  deniedFlag('as-uid', 'impersonation is not allowed'),
  deniedFlag('insecure-skip-tls-verify', 'TLS verification may not be disabled', undefined, 'bool'),
  deniedFlag('certificate-authority', CREDENTIALS),
  deniedFlag('client-certificate', CREDENTIALS),
  deniedFlag('client-key', CREDENTIALS),
  deniedFlag('tls-server-name', CREDENTIALS),
  deniedFlag('cache-dir', LOCAL_FILES),
  deniedFlag('profile', LOCAL_FILES),
  deniedFlag('profile-output', LOCAL_FILES),
  deniedFlag('vmodule', 'per-file log levels can print request details'),
];

/** What kubectl understands before the verb: only global options (local flags there confuse its command lookup). */
export const GLOBAL_FLAG_TABLE = flagTable(ALLOWED_GLOBAL_FLAGS, DENIED_GLOBAL_FLAGS);

export const HELP_FLAGS: readonly FlagSpec[] = [boolFlag('help', 'h')];

export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  valueFlag('output', outputFormat, 'o'),
  valueFlag('template', anyValue),
  boolFlag('allow-missing-template-keys'),
  boolFlag('show-managed-fields'),
];

/** Manifests from files, directories, URLs or stdin: never, since only the command line is reviewed. */
export const FILE_FLAGS: readonly FlagSpec[] = [
  deniedFlag('filename', 'manifests from files, URLs or stdin are not allowed', 'f'),
  deniedFlag('kustomize', 'kustomizations are read from files or URLs', 'k'),
  deniedFlag('recursive', 'only meaningful with --filename', 'R', 'bool'),
];

export const WATCH_FLAGS: readonly FlagSpec[] = [
  guardedBool('watch', 'watching never ends', 'w'),
  guardedBool('watch-only', 'watching never ends'),
  guardedBool('output-watch-events', 'watching never ends'),
];

export const RAW_FLAG = deniedFlag('raw', 'raw API paths bypass the resource checks');

export const DRY_RUN_FLAG = optionalFlag('dry-run', 'unchanged', oneOf('server', 'client', 'none'));
export const FIELD_MANAGER_FLAG = valueFlag('field-manager', anyValue);
export const LOCAL_FLAG = deniedFlag('local', 'only meaningful with --filename', undefined, 'bool');

// Writes name their objects one by one: selectors and --all would touch everything that matches.
const NAMED_ONLY = 'writes must name their objects';
export const WRITE_ALL_FLAG = guardedBool('all', NAMED_ONLY);
export const WRITE_ALL_NAMESPACES_FLAG = guardedBool('all-namespaces', NAMED_ONLY, 'A');
export const WRITE_SELECTOR_FLAG = deniedFlag('selector', NAMED_ONLY, 'l');
export const WRITE_FIELD_SELECTOR_FLAG = deniedFlag('field-selector', NAMED_ONLY);

const boolsAndValues = (bools: string, optional: string, values: string): readonly FlagSpec[] => [
  ...bools.split(' ').map((name) => boolFlag(name.split('/')[0], name.split('/')[1])),
  ...optional.split(' ').map((name) => optionalFlag(name, 'unchanged', anyValue)),
  ...values.split(' ').map((name) => valueFlag(name.split('/')[0], anyValue, name.split('/')[1])),
];

/**
 * What kubectl's command lookup knows at `apply` (its own flags, `NAME/SHORT`), needed only to find
 * `apply view-last-applied` the way cobra does; never used to allow a flag.
 */
export const APPLY_LOOKUP_FLAGS = flagTable(
  ALLOWED_GLOBAL_FLAGS,
  DENIED_GLOBAL_FLAGS,
  boolsAndValues(
    'all allow-missing-template-keys force force-conflicts openapi-patch overwrite prune recursive/R server-side show-managed-fields wait',
    'cascade dry-run validate',
    'field-manager filename/f grace-period kustomize/k output/o prune-allowlist selector/l subresource template timeout',
  ),
);
