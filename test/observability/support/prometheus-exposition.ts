/** A just-good-enough reader of the Prometheus text format (0.0.4), for assertions on /metrics. */

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly type: string;
  readonly help: string;
  readonly samples: Sample[];
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL_PAIR = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'];

function unescapeLabelValue(raw: string): string {
  return raw.replace(/\\(["\\n])/g, (_match, escaped: string) => (escaped === 'n' ? '\n' : escaped));
}

function parseLabels(raw: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of (raw ?? '').matchAll(LABEL_PAIR)) labels[match[1]] = unescapeLabelValue(match[2]);
  return labels;
}

/** The family a sample belongs to: its own name, or the histogram/summary it is a series of. */
function familyOf(sampleName: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  if (families.has(sampleName)) return families.get(sampleName);
  const suffix = HISTOGRAM_SUFFIXES.find((end) => sampleName.endsWith(end));
  return suffix ? families.get(sampleName.slice(0, -suffix.length)) : undefined;
}

/** Families by name; throws on a sample line that belongs to no declared family. */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const family = (name: string): MetricFamily => {
    let found = families.get(name);
    if (!found) {
      found = { name, type: 'untyped', help: '', samples: [] };
      families.set(name, found);
    }
    return found;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const current = family(meta[2]);
      families.set(meta[2], meta[1] === 'TYPE' ? { ...current, type: meta[3] } : { ...current, help: meta[3] });
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = SAMPLE_LINE.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const owner = familyOf(sample[1], families);
    if (!owner) throw new Error(`sample of an undeclared family: ${line}`);
    owner.samples.push({ name: sample[1], labels: parseLabels(sample[2]), value: Number(sample[3]) });
  }
  return families;
}
