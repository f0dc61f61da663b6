import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** The `dry_run` switch both endpoints accept. */
export class DryRunOptionDto {
  @ApiPropertyOptional({
    description: 'Run a write as a server-side dry run (`--dry-run=server`); allowed even when writes are disabled.',
    default: false,
  })
  @IsOptional()
  @IsBoolean({ message: 'dry_run must be a boolean' })
  dry_run?: boolean = false;
}
