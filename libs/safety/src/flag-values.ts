import { invalidValue, refusedValue, ValueCheck, ValueProblem } from './flag-spec';
import { VerdictCode } from './verdict';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const OBJECT_NAME = /^[A-Za-z0-9]([A-Za-z0-9._:@-]{0,252})$/;
const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|ms|s|m|h)/g;
const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PLAIN_INTEGER = /^-?\d{1,9}$/;

export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

export function isObjectName(value: string): boolean {
  return OBJECT_NAME.test(value);
}

export const anyValue: ValueCheck = () => undefined;

export const namespaceName: ValueCheck = (value) =>
  isDnsLabel(value) ? undefined : invalidValue('a namespace is a lowercase DNS label');

export const objectName: ValueCheck = (value) =>
  isObjectName(value) ? undefined : invalidValue('not a valid object name');

export function oneOf(...allowed: readonly string[]): ValueCheck {
  return (value) => (allowed.includes(value) ? undefined : invalidValue(`expected one of ${allowed.join(', ')}`));
}

/** Seconds in a Go duration (`1h30m`, `90s`) or a bare number of seconds; undefined when malformed. */
export function durationSeconds(value: string): number | undefined {
  if (/^\d{1,9}$/.test(value)) return Number(value);
  if (!GO_DURATION.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) total += Number(amount) * UNIT_SECONDS[unit];
  return total;
}

export const duration: ValueCheck = (value) =>
  durationSeconds(value) === undefined ? invalidValue('expected a duration such as 30s or 5m') : undefined;

/** Long waits hold an executor slot; kubectl's own default for `wait` is 30s. */
export function durationAtMost(maxSeconds: number): ValueCheck {
  return (value) => {
    const seconds = durationSeconds(value);
    if (seconds === undefined) return invalidValue('expected a duration such as 30s or 5m');
    return seconds > maxSeconds ? refusedValue(`at most ${maxSeconds}s is allowed`) : undefined;
  };
}

export function integerBetween(min: number, max: number): ValueCheck {
  return (value) => {
    const number = PLAIN_INTEGER.test(value) ? Number(value) : NaN;
    if (Number.isNaN(number)) return invalidValue('expected an integer');
    return number < min || number > max ? invalidValue(`expected an integer from ${min} to ${max}`) : undefined;
  };
}

export const timestamp: ValueCheck = (value) =>
  RFC3339.test(value) ? undefined : invalidValue('expected an RFC3339 time such as 2024-01-02T15:04:05Z');

/** Verbosity above 4 logs request and response details (headers, bodies, kubeconfig paths). */
export const verbosity: ValueCheck = (value) => {
  if (!/^\d{1,2}$/.test(value)) return invalidValue('expected a log level from 0 to 4');
  return Number(value) > 4 ? refusedValue('log levels above 4 print request details and are not allowed') : undefined;
};

/** A Secret may not be named in any selector, even as the subject of events. */
export const notAboutSecrets: ValueCheck = (value) =>
  /secret/i.test(value) ? refusedValue('Secrets are never read', VerdictCode.RESOURCE_DENIED) : undefined;

const INLINE_OUTPUTS = /^(wide|json|yaml|name|go-template|template|jsonpath|jsonpath-as-json)$/;
const TEMPLATED_OUTPUTS = /^(custom-columns|go-template|template|jsonpath|jsonpath-as-json)=./;

/**
 * Output formats printed from the command line only: the `-file` variants (and templatefile)
 * would make kubectl read a file on the server that runs it.
 */
export const outputFormat: ValueCheck = (value): ValueProblem | undefined => {
  const format = value.toLowerCase();
  if (INLINE_OUTPUTS.test(format) || TEMPLATED_OUTPUTS.test(format)) return undefined;
  if (/file/.test(format)) return refusedValue('output templates read from files are not allowed');
  return invalidValue('expected wide, json, yaml, name, jsonpath=..., go-template=... or custom-columns=...');
};
