import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one shape of every error the API answers. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ description: 'Stable machine-readable code.', example: 'VALIDATION_FAILED' })
  error: string;

  @ApiProperty({ example: 'query must be 3 to 2000 characters long' })
  message: string;

  @ApiProperty({ description: 'Correlates the answer with server logs; echoes X-Request-Id.', example: 'b3c1f2e0-6a43-4d8f-9f4b-0b3c55f2a1d7' })
  request_id: string;

  @ApiPropertyOptional({ type: [String], description: 'Every validation failure, when there are several.' })
  details?: string[];

  @ApiPropertyOptional({ description: 'The safety verdict, when a command was denied.' })
  safety?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    description: 'For UNKNOWN_RESOURCE and UNKNOWN_NAMESPACE: up to three names the cluster has that come closest.',
    example: ['widgets.example.com'],
  })
  suggestions?: string[];
}
