import { parse as parseYaml } from 'yaml';
import { OutputFormat } from '@app/safety';
import { ExecutionResult } from './execution-result';
import { parseKubectlTables } from './kubectl-table-parser';

/**
 * Gives kubectl's stdout the structure the policy said the command prints (ApprovedCommand's
 * outputFormat): `json`/`yaml` data, tables for the human output of table verbs (`get`, `top`,
 * ...), and text for everything else or whenever parsing fails. The raw text is always kept.
 */
export function formatKubectlOutput(format: OutputFormat, stdout: string): ExecutionResult {
  const raw = stdout;
  const text: ExecutionResult = { type: 'text', data: raw, raw };
  if (raw.trim() === '') return text;
  switch (format) {
    case 'json': {
      const data = tryParse(() => JSON.parse(raw) as unknown);
      return data === undefined ? text : { type: 'json', data, raw };
    }
    case 'yaml': {
      // 'error' (not 'silent'): a silent parse swallows syntax errors instead of throwing.
      const data = tryParse(() => parseYaml(raw, { logLevel: 'error' }) as unknown);
      return data === null || typeof data !== 'object' ? text : { type: 'yaml', data, raw };
    }
    case 'table': {
      const tables = parseKubectlTables(raw);
      if (!tables) return text;
      return tables.length === 1 ? { type: 'table', ...tables[0], raw } : { type: 'tables', tables, raw };
    }
    case 'text':
      return text;
  }
}

function tryParse(parse: () => unknown): unknown {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
