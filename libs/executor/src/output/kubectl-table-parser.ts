import { KubectlTable } from './execution-result';

interface HeaderCell {
  readonly name: string;
  readonly start: number;
}

/** A header cell: uppercase outside parentheses (`NAME`, `LAST SEEN`, `CPU(cores)`, `PORT(S)`). */
const HEADER_NAME = /^[A-Z][A-Z0-9 _./%:#-]*$/;
/** Header cells are words joined by single spaces; tabwriter puts at least two spaces between cells. */
const HEADER_CELL = /\S+(?: \S+)*/g;
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Reads kubectl's aligned tables. kubectl's tabwriter pads every column to a common width, so each
 * cell lies between the start offsets of its header cell and the next one; slicing there (rather
 * than splitting on spaces) keeps values with spaces (`5m (x2 over 3h)`) and empty cells in place,
 * and the last column takes the rest of the line. Blank lines separate tables (`get all`).
 * Returns null when any block does not start with an uppercase header (e.g. `--no-headers`).
 */
export function parseKubectlTables(text: string): KubectlTable[] | null {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
  if (blocks.length === 0) return null;
  const tables: KubectlTable[] = [];
  for (const [header, ...lines] of blocks) {
    const cells = readHeader(header);
    if (!cells) return null;
    tables.push({ columns: cells.map((cell) => cell.name), rows: lines.map((line) => readRow(line, cells)) });
  }
  return tables;
}

function readHeader(line: string): HeaderCell[] | null {
  if (SURROGATE.test(line) || /^\s/.test(line)) return null;
  const cells = [...line.matchAll(HEADER_CELL)].map((m) => ({ name: m[0], start: m.index ?? 0 }));
  const valid = cells.every((cell) => HEADER_NAME.test(cell.name.replace(/\([^)]*\)/g, '')));
  const unique = new Set(cells.map((cell) => cell.name)).size === cells.length;
  return cells.length > 0 && valid && unique ? cells : null;
}

function readRow(line: string, cells: readonly HeaderCell[]): Record<string, string> {
  // tabwriter counts characters, not UTF-16 units: slice by code point when the line has astral ones.
  const chars: string | string[] = SURROGATE.test(line) ? Array.from(line) : line;
  const row: Record<string, string> = {};
  cells.forEach((cell, i) => {
    const end = i + 1 < cells.length ? cells[i + 1].start : chars.length;
    row[cell.name] = slice(chars, cell.start, end).trim();
  });
  return row;
}

function slice(chars: string | string[], start: number, end: number): string {
  return typeof chars === 'string' ? chars.slice(start, end) : chars.slice(start, end).join('');
}
