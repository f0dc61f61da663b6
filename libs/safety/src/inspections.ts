import { displayWord } from './display-word';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { checkObjectName, readResourceArgs } from './resource-args';
import { CommandLine, Inspection, NO_TYPES } from './verb-rule';
import { VerdictCode } from './verdict';

/** Checks the number of positional words; the message names the first extra one. */
export function argumentCount(command: CommandLine, min: number, max: number): PolicyDenial | undefined {
  const count = command.positionals.length;
  if (count > max) {
    const extra = command.positionals[max];
    return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} does not take ${displayWord(extra)}`);
  }
  if (count < min) {
    const needed = min === 1 ? 'an argument' : `${min} arguments`;
    return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs ${needed}`);
  }
  return undefined;
}

export function noArguments(command: CommandLine): Inspection | PolicyDenial {
  return argumentCount(command, 0, 0) ?? NO_TYPES;
}

/** Positionals that are object names only (no types), such as `top pod NAME` or `cordon NODE`. */
export function namesOnly(min: number, max: number) {
  return (command: CommandLine): Inspection | PolicyDenial => {
    const problem = argumentCount(command, min, max);
    if (problem) return problem;
    for (const name of command.positionals) {
      const invalid = checkObjectName(name);
      if (invalid) return invalid;
    }
    return NO_TYPES;
  };
}

/** `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...` for reads: any type but Secrets. */
export function readResources(min: number) {
  return (command: CommandLine): Inspection | PolicyDenial => {
    const problem = argumentCount(command, min, Number.POSITIVE_INFINITY);
    if (problem) return problem;
    const resources = readResourceArgs(command.positionals);
    return isDenial(resources) ? resources : { types: resources.types };
  };
}
