export type ApprovedTier = 'read' | 'write';

const genuine = new WeakSet<ApprovedCommand>();

/**
 * The only thing the executor accepts: an argv (without the leading `kubectl`) that the
 * command policy read and allowed. Instances cannot be built outside this library.
 */
export class ApprovedCommand {
  private constructor(
    readonly argv: readonly string[],
    readonly tier: ApprovedTier,
    readonly dryRun: boolean,
  ) {}

  /** True only for instances issued by the policy (a cast or a structural copy is not). */
  static isGenuine(value: unknown): value is ApprovedCommand {
    return typeof value === 'object' && value !== null && genuine.has(value as ApprovedCommand);
  }

  /** The command as a user would type it, for responses and logs. */
  toString(): string {
    return ['kubectl', ...this.argv].map(quoteForDisplay).join(' ');
  }

  /** @internal Called by the command policy alone; not exported from the library's index. */
  static issue(argv: readonly string[], tier: ApprovedTier, dryRun: boolean): ApprovedCommand {
    const command = new ApprovedCommand(Object.freeze([...argv]), tier, dryRun);
    Object.freeze(command);
    genuine.add(command);
    return command;
  }
}

function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
