/** The service's command policy as the eval applies it. */
import { CommandPolicy, Verdict, VerdictCode } from '@app/safety';

export class EvalPolicy {
  /** As the service ships: writes off. */
  private readonly service: CommandPolicy;
  /** Writes on, for the fixture cluster only: it is in memory, loopback, and reset after every write. */
  private readonly fixture: CommandPolicy;

  constructor(maxWaitMs: number) {
    this.service = new CommandPolicy({ allowWrites: false, maxWaitMs });
    this.fixture = new CommandPolicy({ allowWrites: true, maxWaitMs });
  }

  /** The service's own verdict: what decides a task that must be refused. */
  asService(command: string): Verdict {
    return this.service.evaluate(command);
  }

  /**
   * For a task with a reference: a write the service refuses only because writes are off runs as a
   * server-side dry run, as the service's dry-run mode would, or for real on the fixture cluster
   * when kubectl cannot dry-run it (rollout restart, pause, resume). Every other denial stands.
   */
  forScoring(command: string): Verdict {
    const verdict = this.service.evaluate(command);
    if (verdict.code !== VerdictCode.WRITES_DISABLED) return verdict;
    const dryRun = this.service.evaluate(command, { dryRun: true });
    return dryRun.approved ? dryRun : this.fixture.evaluate(command);
  }
}
