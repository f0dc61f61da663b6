/** One kubectl table; each row is keyed by the column headers, in `columns` order. */
export interface KubectlTable {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

/**
 * kubectl's stdout in a structured form, always with the `raw` text. `tables` comes from output
 * with several tables separated by blank lines (`kubectl get all`, `get pods,svc`).
 */
export type ExecutionResult =
  | ({ readonly type: 'table'; readonly raw: string } & KubectlTable)
  | { readonly type: 'tables'; readonly tables: readonly KubectlTable[]; readonly raw: string }
  | { readonly type: 'json'; readonly data: unknown; readonly raw: string }
  | { readonly type: 'yaml'; readonly data: unknown; readonly raw: string }
  | { readonly type: 'text'; readonly data: string; readonly raw: string };
