/**
 * The words kubectl was started with, as a user would type them, for logs. The same quoting as
 * ApprovedCommand's display form: single quotes make every character literal to a POSIX shell.
 */
export function displayCommand(argv: readonly string[]): string {
  return ['kubectl', ...argv].map(quoteForDisplay).join(' ');
}

function quoteForDisplay(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
