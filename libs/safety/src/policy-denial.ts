import { VerdictCode } from './verdict';

/** Why a command is refused: a stable code and a message naming the offending word. */
export interface PolicyDenial {
  readonly code: VerdictCode;
  readonly message: string;
}

export function denial(code: VerdictCode, message: string): PolicyDenial {
  return { code, message };
}

export function isDenial(value: unknown): value is PolicyDenial {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
