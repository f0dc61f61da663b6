/** One Dockerfile instruction with its continuation lines joined. */
export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, COPY... */
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  readonly args: string;
  /** 1-based line the instruction starts on. */
  readonly line: number;
}

export interface DockerStage {
  readonly name?: string;
  readonly base: string;
  readonly platform?: string;
  readonly instructions: readonly DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARG instructions before the first FROM (usable in FROM lines). */
  readonly globalArgs: readonly DockerInstruction[];
  readonly stages: readonly DockerStage[];
}

/**
 * A small reader for the Dockerfile syntax this repo uses: comments, `\` continuations (comment
 * lines inside a continuation are dropped, as BuildKit does) and one instruction per logical line.
 * Linting proper is dockerfile-utils' job; this only gives the specs something to assert on.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions = joinInstructions(text);
  const globalArgs: DockerInstruction[] = [];
  const stages: { name?: string; base: string; platform?: string; instructions: DockerInstruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push({ ...parseFrom(instruction.args), instructions: [] });
    } else if (stages.length === 0) {
      globalArgs.push(instruction);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** The exec (JSON array) form of CMD, ENTRYPOINT, SHELL or HEALTHCHECK CMD, or null for shell form. */
export function execForm(args: string): string[] | null {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return null;
  const parsed: unknown = JSON.parse(trimmed);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return null;
  return parsed as string[];
}

/** Splits `--flag=value` options off the front of an instruction's arguments. */
export function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args.trim();
  for (let match = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest); match; match = /^--([a-z-]+)(?:=(\S*))?\s+/.exec(rest)) {
    flags[match[1]] = match[2] ?? 'true';
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function parseFrom(args: string): { name?: string; base: string; platform?: string } {
  const { flags, rest } = splitFlags(args);
  const [base, as, name] = rest.split(/\s+/);
  return { base, platform: flags.platform, name: as?.toUpperCase() === 'AS' ? name : undefined };
}

function joinInstructions(text: string): DockerInstruction[] {
  const result: DockerInstruction[] = [];
  let pending: { parts: string[]; line: number } | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || line === '') return;
    const continues = line.endsWith('\\');
    const part = continues ? line.slice(0, -1).trim() : line;
    pending ??= { parts: [], line: index + 1 };
    if (part !== '') pending.parts.push(part);
    if (continues) return;
    const joined = pending.parts.join(' ');
    const space = joined.search(/\s/);
    result.push({
      keyword: (space < 0 ? joined : joined.slice(0, space)).toUpperCase(),
      args: space < 0 ? '' : joined.slice(space + 1).trim(),
      line: pending.line,
    });
    pending = null;
  });
  return result;
}
