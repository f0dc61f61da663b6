export type ApprovedTier = 'read' | 'write';

/** How kubectl will print: `-o json`, `-o yaml`, a human table, or anything else (text). */
export type OutputFormat = 'json' | 'yaml' | 'table' | 'text';

/** What the policy decided about a command, carried with it so no later layer re-parses argv. */
export interface ApprovedFields {
  /** The words kubectl receives, without `kubectl`. */
  readonly argv: readonly string[];
  readonly tier: ApprovedTier;
  readonly dryRun: boolean;
  /** The command path kubectl runs, such as `get` or `rollout status`. */
  readonly verb: string;
  readonly outputFormat: OutputFormat;
}

const genuine = new WeakSet<ApprovedCommand>();
let construct: (fields: ApprovedFields) => ApprovedCommand;

/**
 * The only thing the executor accepts: an argv (without the leading `kubectl`) that the
 * command policy read and allowed. Instances cannot be built outside this library.
 */
export class ApprovedCommand implements ApprovedFields {
  readonly argv: readonly string[];
  readonly tier: ApprovedTier;
  readonly dryRun: boolean;
  readonly verb: string;
  readonly outputFormat: OutputFormat;

  private constructor(fields: ApprovedFields) {
    this.argv = Object.freeze([...fields.argv]);
    this.tier = fields.tier;
    this.dryRun = fields.dryRun;
    this.verb = fields.verb;
    this.outputFormat = fields.outputFormat;
  }

  static {
    // The private constructor is reachable from this module only, through issueApprovedCommand.
    construct = (fields) => new ApprovedCommand(fields);
  }

  /** True only for instances issued by the policy (a cast or a structural copy is not). */
  static isGenuine(value: unknown): value is ApprovedCommand {
    return typeof value === 'object' && value !== null && genuine.has(value as ApprovedCommand);
  }

  /** The command as a user would type it, for responses and logs. */
  toString(): string {
    return ['kubectl', ...this.argv].map(quoteForDisplay).join(' ');
  }
}

/**
 * Issues an approval. Called by the command policy (and `testing/approved-for-test.ts`) alone:
 * it is deliberately not exported from the library's index.
 */
export function issueApprovedCommand(fields: ApprovedFields): ApprovedCommand {
  const command = construct(fields);
  Object.freeze(command);
  genuine.add(command);
  return command;
}

/** Single quotes make every character literal to a POSIX shell, so the display form pastes safely. */
function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
