import { Injectable } from '@nestjs/common';
import { CommandPolicy, Verdict, VerdictCode } from '@app/safety';
import { CallerScope } from '../auth/caller';

/** Writes the service would show but not run: still write-tier commands for a caller's tier. */
const WRITE_TIER_DENIALS: ReadonlySet<VerdictCode> = new Set([VerdictCode.WRITES_DISABLED, VerdictCode.DRY_RUN_UNSUPPORTED]);

/**
 * Narrows the policy's verdict to what one caller may do: its namespaces (the policy judges again
 * with the caller's list) and its tier. Runs on every request, cached generations included; the
 * policy itself never fails open, and neither does this.
 */
@Injectable()
export class CallerScopeGate {
  constructor(private readonly policy: CommandPolicy) {}

  judge(verdict: Verdict, command: string, dryRun: boolean, scope: CallerScope | null): Verdict {
    if (scope === null) return verdict;
    const writeTier = verdict.decision === 'write' || WRITE_TIER_DENIALS.has(verdict.code);
    if (verdict.decision === 'deny' && !writeTier) return verdict;
    const narrowed = scope.namespaces === null ? verdict : this.policy.scopedTo(scope.namespaces).evaluate(command, { dryRun });
    if (narrowed.code === VerdictCode.NAMESPACE_DENIED) {
      const allowed = scope.namespaces?.length ? scope.namespaces.join(', ') : 'none';
      return scopeDenied(`caller ${scope.id} may touch only the namespaces ${allowed}: ${narrowed.message}`, verdict.argv);
    }
    if (writeTier && scope.tier === 'read') {
      return scopeDenied(`caller ${scope.id} has the read tier: write-tier commands are not allowed, not even as dry runs`, verdict.argv);
    }
    if (narrowed.decision === 'write' && scope.tier === 'dry-run' && !narrowed.approved?.dryRun) {
      return scopeDenied(`caller ${scope.id} has the dry-run tier: write-tier commands run only as server-side dry runs (dry_run: true)`, verdict.argv);
    }
    return narrowed;
  }
}

function scopeDenied(message: string, argv: readonly string[]): Verdict {
  return { decision: 'deny', code: VerdictCode.SCOPE_DENIED, message, argv };
}
