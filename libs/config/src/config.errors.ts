/** A setting that cannot be used; the message names the variable and what it expects. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly value: string,
  ) {
    super(`${variable}=${JSON.stringify(truncate(value))} is invalid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}
