import { MALFORMED_CODES, Verdict } from '@app/safety';

export type DeniedAt = 'generation' | 'execution';

/** The policy refused a command: the model's reply (422) or a command sent to run (400 or 403). */
export class CommandDeniedException extends Error {
  constructor(
    readonly verdict: Verdict,
    readonly deniedAt: DeniedAt,
  ) {
    super(verdict.message);
    this.name = 'CommandDeniedException';
  }

  get status(): number {
    if (this.deniedAt === 'generation') return 422;
    return MALFORMED_CODES.has(this.verdict.code) ? 400 : 403;
  }
}
