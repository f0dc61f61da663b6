import { Injectable } from '@nestjs/common';
import { ApprovedTier, issueApprovedCommand } from './approved-command';
import { parseCommand } from './command-parser';
import { resolveCommand } from './command-resolver';
import { checkNamespaceScope } from './namespace-scope';
import { displayWord } from './display-word';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { checkProtectedNamespaces, writesInNamespace } from './protected-namespaces';
import { InjectSafetyOptions } from './safety.constants';
import { outputFormatOf } from './output-format';
import { ResourceType } from './resource-names';
import { ResolvedSafetyOptions, resolveSafetyOptions, SafetyOptions } from './safety.options';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { CommandTargets, Verdict, VerdictCode } from './verdict';
import { lowerWaitTimeout } from './wait-timeout';

export interface EvaluateOptions {
  /** Run a write as a server-side dry run (`--dry-run=server`), even when writes are disabled. */
  readonly dryRun?: boolean;
}

const DRY_RUN_SERVER = '--dry-run=server';
/** Verdicts of the last this many distinct short commands are remembered. */
const MEMO_ENTRIES = 1_000;
const MEMO_MAX_COMMAND_LENGTH = 1_000;
/**
 * Belt and braces: the parser already refuses these. The executor passes argv to kubectl without
 * a shell, so quoted `;` or `$` are data there (and the display form single-quotes them), but a
 * control or non-ASCII character would make the command differ from what a reviewer sees.
 */
const UNSAFE_IN_ARGV = /[\u0000-\u001f\u007f-\uffff]/;

function pin(namespace: string | undefined): string[] {
  return namespace === undefined ? [] : [`--namespace=${namespace}`];
}

/**
 * `argv` with the policy's own words (a pinned namespace, `--dry-run=server`, a lowered timeout)
 * added where kubectl reads them as flags: before a `--`, after which words are a container's
 * command (`create job x --image=busybox -- echo hi`). A `--` in an allowed command is always that
 * separator: a detached flag value cannot start with `-`.
 */
function withPolicyWords(argv: readonly string[], added: readonly string[]): string[] {
  const separator = argv.indexOf('--');
  return separator < 0 ? [...argv, ...added] : [...argv.slice(0, separator), ...added, ...argv.slice(separator)];
}

/** The denial for a type KUBECTL_DENIED_RESOURCES lists. */
export function resourceDenied(written: string): PolicyDenial {
  return { code: VerdictCode.RESOURCE_DENIED, message: `${displayWord(written)} is a denied resource type (KUBECTL_DENIED_RESOURCES)` };
}

function deny(problem: PolicyDenial, argv: readonly string[]): Verdict {
  return { decision: 'deny', code: problem.code, message: problem.message, argv };
}

function approve(
  rule: VerbRule,
  line: CommandLine,
  argv: readonly string[],
  tier: ApprovedTier,
  dryRun: boolean,
  code: VerdictCode,
  message: string,
): Verdict {
  if (argv.some((word) => UNSAFE_IN_ARGV.test(word))) {
    return deny({ code: VerdictCode.INVALID_CHARACTERS, message: 'the command carries a control or non-ASCII character' }, argv);
  }
  const approved = issueApprovedCommand({ argv, tier, dryRun, verb: line.verb, outputFormat: outputFormatOf(line, rule.defaultOutput) });
  return { decision: tier, code, message, argv: approved.argv, approved };
}

/**
 * Reads, and the forms of writes that only print: a client-side dry run (kubectl prints the object
 * and sends nothing), `label --list`, `set env --list`.
 */
function readForm(rule: VerbRule, line: CommandLine): { readonly message: string; readonly dryRun: boolean } | undefined {
  const verb = `kubectl ${rule.verb}`;
  if (rule.tier === 'read') return { message: `${verb} is a read`, dryRun: false };
  if (rule.dryRun && line.last('dry-run') === 'client') {
    return { message: `${verb} --dry-run=client only prints: nothing is sent to the API server`, dryRun: true };
  }
  if (rule.printsOnly?.(line)) return { message: `${verb} only prints`, dryRun: false };
  return undefined;
}

/** Decides whether a kubectl command line may run: read, write, or deny. Never throws. */
@Injectable()
export class CommandPolicy {
  private readonly options: ResolvedSafetyOptions;
  // A cached generation is judged again on every request; insertion order makes this a FIFO.
  private readonly recent = new Map<string, Verdict>();
  private readonly scoped = new Map<string, CommandPolicy>();

  constructor(@InjectSafetyOptions() private readonly given: SafetyOptions) {
    this.options = resolveSafetyOptions(given);
  }

  /**
   * The same policy for a caller limited to `namespaces` (already within the service's own list):
   * the namespace rules apply to that list instead. Kept, so each caller's verdicts stay remembered.
   */
  scopedTo(namespaces: readonly string[]): CommandPolicy {
    const key = [...namespaces].sort().join(',');
    let policy = this.scoped.get(key);
    if (!policy) {
      policy = new CommandPolicy({ ...this.given, allowedNamespaces: namespaces });
      this.scoped.set(key, policy);
    }
    return policy;
  }

  evaluate(command: string, options: EvaluateOptions = {}): Verdict {
    const dryRun = options?.dryRun === true;
    const cacheable = typeof command === 'string' && command.length <= MEMO_MAX_COMMAND_LENGTH;
    const memoKey = cacheable ? `${dryRun ? 'dry' : 'run'}:${command}` : '';
    const remembered = cacheable ? this.recent.get(memoKey) : undefined;
    if (remembered) return remembered;
    let verdict: Verdict;
    try {
      verdict = this.judge(command, dryRun);
    } catch {
      return deny({ code: VerdictCode.INVALID_ARGUMENT, message: 'the command could not be evaluated' }, []);
    }
    return cacheable ? this.remember(memoKey, verdict) : verdict;
  }

  /**
   * Whether KUBECTL_DENIED_RESOURCES refuses a resource, by its canonical name and group (as
   * discovery knows them: a short name the policy cannot resolve is checked again this way).
   */
  refusesResource(name: string, group: string): boolean {
    return this.options.deniedResources.matches(name, group);
  }

  private refusesType(type: ResourceType): boolean {
    const suffix = type.written.includes('.') ? type.written.slice(type.written.indexOf('.') + 1) : type.builtin?.group;
    const plural = type.builtin?.plural ?? type.name;
    return this.options.deniedResources.matches(plural, suffix) || this.options.deniedResources.matches(type.name, suffix);
  }

  /** Verdicts are pure functions of the command and the options, so recent ones are kept (frozen). */
  private remember(key: string, verdict: Verdict): Verdict {
    if (this.recent.size >= MEMO_ENTRIES) this.recent.delete(this.recent.keys().next().value as string);
    const frozen = Object.freeze({ ...verdict, argv: Object.freeze([...verdict.argv]) });
    this.recent.set(key, frozen);
    return frozen;
  }

  private judge(command: string, dryRunRequested: boolean): Verdict {
    const parsed = parseCommand(command);
    if (!parsed.ok) return deny(parsed, []);
    const resolved = resolveCommand(parsed.argv);
    if (isDenial(resolved)) return deny(resolved, parsed.argv);
    const inspection = resolved.rule.inspect(resolved.line);
    const verdict = this.judgeResolved(resolved.rule, resolved.line, inspection, dryRunRequested);
    if (isDenial(inspection)) return verdict;
    const targets: CommandTargets = {
      types: inspection.types.map((type) => type.written),
      namespaces: resolved.line.values('namespace'),
      customTypes: inspection.types.filter((type) => type.custom).map((type) => type.written),
    };
    return { ...verdict, targets };
  }

  private judgeResolved(rule: VerbRule, line: CommandLine, inspection: Inspection | PolicyDenial, dryRunRequested: boolean): Verdict {
    const read = readForm(rule, line);
    const guarded = read || rule.clientDryRunOnly ? undefined : checkProtectedNamespaces(line, this.options.protectedNamespaces);
    if (guarded) return deny(guarded, line.argv);
    if (isDenial(inspection)) return deny(inspection, line.argv);
    const deniedType = inspection.types.find((type) => this.refusesType(type));
    if (deniedType) return deny(resourceDenied(deniedType.written), line.argv);
    const scope = checkNamespaceScope(line, rule, inspection, this.options);
    if (isDenial(scope)) return deny(scope, line.argv);
    if (read) {
      const lowered = lowerWaitTimeout(rule, line, this.options.maxWaitMs);
      const argv = withPolicyWords(line.argv, [...pin(scope.pinNamespace), ...(lowered ? [lowered.word] : [])]);
      const message = lowered ? `${read.message}; ${lowered.reason}` : read.message;
      return approve(rule, line, argv, 'read', read.dryRun, VerdictCode.READ_ALLOWED, message);
    }
    if (rule.clientDryRunOnly) {
      const message = `kubectl ${rule.verb} is allowed only as a client-side dry run (--dry-run=client), which prints without creating anything`;
      return deny({ code: VerdictCode.VERB_DENIED, message }, line.argv);
    }
    const namespace = scope.pinNamespace ?? this.writeNamespace(rule, line, inspection);
    if (isDenial(namespace)) return deny(namespace, line.argv);
    return this.judgeWrite(rule, line, pin(namespace), dryRunRequested);
  }

  /**
   * A namespaced write that names no namespace is pinned to the default namespace, so that
   * kubeconfig's current namespace (possibly kube-system) never decides where it lands.
   */
  private writeNamespace(rule: VerbRule, line: CommandLine, inspection: Inspection): string | undefined | PolicyDenial {
    if (line.has('namespace') || !writesInNamespace(rule, inspection)) return undefined;
    const fallback = this.options.defaultNamespace;
    if (!this.options.protectedNamespaces.has(fallback)) return fallback;
    return denial(VerdictCode.NAMESPACE_DENIED, `no namespace given and the default namespace ${displayWord(fallback)} is protected`);
  }

  private judgeWrite(rule: VerbRule, line: CommandLine, pinned: readonly string[], dryRunRequested: boolean): Verdict {
    const verb = `kubectl ${rule.verb}`;
    if (dryRunRequested) {
      if (!rule.dryRun) {
        const message = `${verb} has no --dry-run, so it cannot be tried safely`;
        return deny({ code: VerdictCode.DRY_RUN_UNSUPPORTED, message }, line.argv);
      }
      const dryRunWords = new Set(line.flags.filter((use) => use.spec.name === 'dry-run').map((use) => use.index));
      const argv = withPolicyWords(line.argv.filter((_, index) => !dryRunWords.has(index)), [...pinned, DRY_RUN_SERVER]);
      return approve(rule, line, argv, 'write', true, VerdictCode.DRY_RUN_ALLOWED, `${verb} runs as a server-side dry run`);
    }
    if (line.last('dry-run') === 'server') {
      return approve(rule, line, withPolicyWords(line.argv, pinned), 'write', true, VerdictCode.DRY_RUN_ALLOWED, `${verb} runs as a server dry run`);
    }
    if (!this.options.allowWrites) {
      return deny(
        {
          code: VerdictCode.WRITES_DISABLED,
          message: `${verb} is a write and writes are disabled (KUBECTL_ALLOW_WRITES is false); a dry run is still possible`,
        },
        line.argv,
      );
    }
    const message = `${verb} is a write and writes are enabled`;
    return approve(rule, line, withPolicyWords(line.argv, pinned), 'write', false, VerdictCode.WRITE_ALLOWED, message);
  }
}
