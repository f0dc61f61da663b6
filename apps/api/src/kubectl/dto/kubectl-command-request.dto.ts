import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DryRunOptionDto } from './dry-run-option.dto';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsOptional, IsString, Length } from 'class-validator';
import { QUERY_MAX_LENGTH, QUERY_MIN_LENGTH, sanitizeQuery } from '@app/safety';

export const QUERY_LENGTH_MESSAGE = `query must be ${QUERY_MIN_LENGTH} to ${QUERY_MAX_LENGTH} characters long after trimming`;

export class KubectlCommandRequestDto extends DryRunOptionDto {
  @ApiProperty({
    description: `The request in plain words. Trimmed, whitespace-collapsed and stripped of control characters; then ${QUERY_MIN_LENGTH} to ${QUERY_MAX_LENGTH} characters.`,
    example: 'list all deployments in the default namespace',
  })
  @Transform(({ value }) => (typeof value === 'string' ? sanitizeQuery(value) : value))
  // class-validator runs these bottom-up; with stopAtFirstError the most basic failure is reported.
  @Length(QUERY_MIN_LENGTH, QUERY_MAX_LENGTH, { message: QUERY_LENGTH_MESSAGE })
  @IsString({ message: 'query must be a string' })
  @IsDefined({ message: 'query is required' })
  query: string;

  @ApiPropertyOptional({ description: 'Run the generated command after the safety policy approves it.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'execute must be a boolean' })
  execute?: boolean = false;
}
