import { displayWord } from './display-word';
import { isObjectName } from './flag-values';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { isBuiltinOf, isResourceTypeSyntax, isSecretLike, resolveResourceType, ResourceType } from './resource-names';
import { CommandLine, Inspection } from './verb-rule';
import { VerdictCode } from './verdict';

/** The resources a command names: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`. */
export interface ResourceArgs {
  readonly types: readonly ResourceType[];
  readonly names: readonly string[];
}

export const SECRETS_REFUSED = 'Secrets are never read or changed';

/** Checks one written type: syntax, and never a Secret in any spelling. */
export function checkResourceType(written: string): ResourceType | PolicyDenial {
  if (!isResourceTypeSyntax(written)) {
    return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(written)} is not a resource type`);
  }
  const type = resolveResourceType(written);
  if (isSecretLike(type)) return denial(VerdictCode.RESOURCE_DENIED, `${displayWord(written)}: ${SECRETS_REFUSED}`);
  return type;
}

export function checkObjectName(name: string): PolicyDenial | undefined {
  return isObjectName(name) ? undefined : denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(name)} is not an object name`);
}

function readSlashForm(args: readonly string[]): ResourceArgs | PolicyDenial {
  const types: ResourceType[] = [];
  const names: string[] = [];
  for (const arg of args) {
    const slash = arg.indexOf('/');
    if (slash < 0) {
      return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(arg)}: mix of TYPE/NAME and separate words`);
    }
    const type = checkResourceType(arg.slice(0, slash));
    if (isDenial(type)) return type;
    const problem = checkObjectName(arg.slice(slash + 1));
    if (problem) return problem;
    types.push(type);
    names.push(arg.slice(slash + 1));
  }
  return { types, names };
}

/** Reads resource arguments the way kubectl's resource builder splits them. */
export function readResourceArgs(args: readonly string[]): ResourceArgs | PolicyDenial {
  if (args.length === 0) return { types: [], names: [] };
  if (args.some((arg) => arg.includes('/'))) return readSlashForm(args);
  const types: ResourceType[] = [];
  for (const written of args[0].split(',')) {
    const type = checkResourceType(written);
    if (isDenial(type)) return type;
    types.push(type);
  }
  for (const name of args.slice(1)) {
    const problem = checkObjectName(name);
    if (problem) return problem;
  }
  return { types, names: args.slice(1) };
}

/** Which types a write verb may change: built-ins by plural, and custom resources for the generic verbs. */
export interface WritableTypes {
  readonly builtins: ReadonlySet<string>;
  /** Custom resources (delete, label, annotate, patch); discovery confirms each before it runs. */
  readonly custom?: boolean;
}

function writable(type: ResourceType, allowed: WritableTypes): boolean {
  return isBuiltinOf(type, allowed.builtins) || (allowed.custom === true && type.custom);
}

/**
 * For writes: every type must be one the verb may change, and at least one object must be named
 * (a write never targets "everything of a type"). A built-in the verb's table leaves out is never
 * taken for a custom resource: only a name no built-in has, in no built-in group, is custom.
 */
export function checkWriteTargets(verb: string, resources: ResourceArgs, allowed: WritableTypes): PolicyDenial | undefined {
  if (resources.types.length === 0) {
    return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${verb} needs a resource type and name`);
  }
  const outside = resources.types.find((type) => !writable(type, allowed));
  if (outside) {
    return denial(
      VerdictCode.RESOURCE_DENIED,
      `kubectl ${verb} may not change ${displayWord(outside.written)}: ${whyNotWritable(outside, allowed)}`,
    );
  }
  if (resources.names.length === 0) {
    return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${verb} must name the objects it changes`);
  }
  return undefined;
}

function whyNotWritable(type: ResourceType, allowed: WritableTypes): string {
  if (type.custom) return 'this verb changes built-in types only';
  if (allowed.custom) return 'it is a built-in type (or in a built-in API group) this verb may not write';
  return 'it is not among the objects this verb may write';
}

/** For the print-only forms of writes (`set env --list`): the types the verb knows, names optional. */
export function listTargets(command: CommandLine, allowed: ReadonlySet<string>): Inspection | PolicyDenial {
  const resources = readResourceArgs(command.positionals);
  if (isDenial(resources)) return resources;
  const outside = resources.types.find((type) => !isBuiltinOf(type, allowed));
  if (outside) {
    return denial(VerdictCode.RESOURCE_DENIED, `kubectl ${command.verb} does not apply to ${displayWord(outside.written)}`);
  }
  return resources.types.length === 0
    ? denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs a resource type`)
    : { types: resources.types };
}
