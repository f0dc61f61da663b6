import { ApiProperty } from '@nestjs/swagger';
import { DryRunOptionDto } from './dry-run-option.dto';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The safety parser rejects longer commands; this bound only keeps junk out early. */
export const EXECUTE_MAX_LENGTH = 4000;

export class ExecuteRequestDto extends DryRunOptionDto {
  @ApiProperty({ description: 'One kubectl command; the safety policy decides whether it may run.', example: 'kubectl get pods -n default' })
  // class-validator runs these bottom-up; with stopAtFirstError the most basic failure is reported.
  @MaxLength(EXECUTE_MAX_LENGTH, { message: `execute must be at most ${EXECUTE_MAX_LENGTH} characters long` })
  @IsNotEmpty({ message: 'execute must not be empty' })
  @IsString({ message: 'execute must be a string holding a kubectl command' })
  @IsDefined({ message: 'execute is required' })
  execute: string;
}
