import { ApiProperty } from '@nestjs/swagger';

const CHECKS_EXAMPLE = {
  kubectl: { status: 'up' },
  llm: { status: 'up', model: 'gpt-3.5-turbo' },
  redis: { status: 'up', message: 'not configured (in-memory cache and rate limits)' },
  discovery: { status: 'up', state: 'ok', age_seconds: 42, fingerprint: '3f9a0c1e5b7d2468' },
};

export class ReadinessDto {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: string;

  @ApiProperty({ description: 'Each check with its status (up or down) and details.', example: CHECKS_EXAMPLE })
  checks: Record<string, Record<string, unknown>>;
}

export class NotReadyDto {
  @ApiProperty({ example: 503 })
  statusCode: number;

  @ApiProperty({ example: 'NOT_READY' })
  error: string;

  @ApiProperty({ example: 'Not ready: kubectl' })
  message: string;

  @ApiProperty({ example: 'b3c1f2e0-6a43-4d8f-9f4b-0b3c55f2a1d7' })
  request_id: string;

  @ApiProperty({
    description: 'Each check with its status (up or down) and details.',
    example: { ...CHECKS_EXAMPLE, kubectl: { status: 'down', message: 'kubectl binary not found (KUBECTL_PATH); execution answers 503' } },
  })
  checks: Record<string, Record<string, unknown>>;
}
