import { Verdict } from '@app/safety';

/** Where the policy refused: the model's proposal, or a command sent to run. */
export type DeniedAt = 'generation' | 'execution';

/** The policy refused a command; error-mapping.ts picks the status from where and why. */
export class CommandDeniedException extends Error {
  override readonly name = 'CommandDeniedException';

  constructor(
    readonly verdict: Verdict,
    readonly deniedAt: DeniedAt,
  ) {
    super(verdict.message);
  }
}
