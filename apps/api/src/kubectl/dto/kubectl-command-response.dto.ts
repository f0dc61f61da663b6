import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SafetyVerdictDto {
  @ApiProperty({ enum: ['read', 'write', 'deny'], example: 'read' })
  decision: string;

  @ApiProperty({ description: 'Stable verdict code.', example: 'READ_ALLOWED' })
  code: string;

  @ApiProperty({ example: 'get is a read-only command' })
  message: string;

  @ApiProperty({ type: [String], description: 'The words kubectl receives, without `kubectl`.', example: ['get', 'deployments', '-n', 'default'] })
  argv: string[];
}

export class KubectlTableDto {
  @ApiProperty({ type: [String], example: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] })
  columns: readonly string[];

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: { type: 'string' } } })
  rows: ReadonlyArray<Readonly<Record<string, string>>>;
}

export class ExecutionResultDto {
  @ApiProperty({
    enum: ['table', 'tables', 'json', 'yaml', 'text'],
    example: 'table',
    description: '"table" for one kubectl table, "tables" for several (`get all`), else the parsed output format.',
  })
  type: string;

  @ApiPropertyOptional({ type: [String], description: 'Table columns, in kubectl order (type "table").', example: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'] })
  columns?: readonly string[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', additionalProperties: { type: 'string' } },
    description: 'Table rows keyed by column (type "table").',
    example: [{ NAME: 'web', READY: '2/2', 'UP-TO-DATE': '2', AVAILABLE: '2', AGE: '3d' }],
  })
  rows?: ReadonlyArray<Readonly<Record<string, string>>>;

  @ApiPropertyOptional({ type: [KubectlTableDto], description: 'Every table, for output with several (type "tables").' })
  tables?: readonly KubectlTableDto[];

  @ApiPropertyOptional({ description: 'Parsed JSON or YAML, or the text itself (types "json", "yaml", "text").' })
  data?: unknown;

  @ApiProperty({ description: "kubectl's standard output as printed." })
  raw: string;

  @ApiPropertyOptional({ description: 'True when output passed MAX_OUTPUT_BYTES and was cut.' })
  truncated?: boolean;
}

export class ExecutionErrorDto {
  @ApiProperty({ enum: ['exit', 'timeout', 'truncated', 'spawn'], example: 'exit' })
  type: string;

  @ApiProperty({ example: 'KUBECTL_EXIT_1' })
  code: string;

  @ApiProperty({ description: "kubectl's standard error, trimmed, or what went wrong.", example: 'Error from server (NotFound): deployments.apps "web" not found' })
  message: string;

  @ApiPropertyOptional({ nullable: true, type: Number, example: 1 })
  exit_code?: number | null;
}

export class ResponseMetadataDto {
  @ApiProperty({ example: '2026-11-26T10:00:00.000Z' })
  start_time: string;

  @ApiProperty({ example: '2026-11-26T10:00:00.420Z' })
  end_time: string;

  @ApiProperty({ example: 420 })
  duration_ms: number;

  @ApiProperty({ description: 'False when the executed command failed, timed out or was cut.', example: true })
  success: boolean;

  @ApiProperty({ description: 'Whether kubectl was run.', example: false })
  executed: boolean;

  @ApiProperty({ example: false })
  dry_run: boolean;

  @ApiPropertyOptional({ description: 'The LLM model that proposed the command.', example: 'gpt-3.5-turbo' })
  model?: string;

  @ApiPropertyOptional({ description: 'Shared an identical concurrent request\'s LLM call.' })
  coalesced?: boolean;

  @ApiPropertyOptional({ nullable: true, type: Number })
  exit_code?: number | null;

  @ApiPropertyOptional()
  truncated?: boolean;

  @ApiPropertyOptional({ example: 'timeout' })
  error_type?: string;

  @ApiPropertyOptional({ example: 'EXECUTION_TIMEOUT' })
  error_code?: string;
}

export type CommandRisk = 'read' | 'dry-run' | 'write' | 'denied';

export class KubectlCommandResponseDto {
  @ApiProperty({ example: 'kubectl get deployments -n default' })
  kubectl_command: string;

  @ApiProperty({ type: ExecutionResultDto, nullable: true, description: 'Structured output when the command ran.' })
  execution_result: ExecutionResultDto | null;

  @ApiProperty({ type: ExecutionErrorDto, nullable: true, description: 'Set when the command ran and failed (the request itself succeeded).' })
  execution_error: ExecutionErrorDto | null;

  @ApiProperty({ description: 'True when the command came from the cache.', example: false })
  from_cache: boolean;

  @ApiProperty({ type: SafetyVerdictDto })
  safety: SafetyVerdictDto;

  @ApiProperty({
    enum: ['read', 'dry-run', 'write', 'denied'],
    description: 'What running the command would do, from the policy: a read, a dry run, a real write, or nothing (denied).',
    example: 'read',
  })
  risk: CommandRisk;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The model's one sentence on what the command does, from the same call; null for /execute and when the model gave none.",
    example: 'Lists the deployments in the default namespace.',
  })
  explanation: string | null;

  @ApiProperty({ example: 'b3c1f2e0-6a43-4d8f-9f4b-0b3c55f2a1d7' })
  request_id: string;

  @ApiProperty({ type: ResponseMetadataDto })
  metadata: ResponseMetadataDto;
}
