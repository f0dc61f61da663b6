import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';

export class HealthDto {
  @ApiProperty({ example: 'healthy' })
  status: string;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  @Get()
  @ApiOkResponse({ type: HealthDto, description: 'The process is up.' })
  health(): HealthDto {
    return { status: 'healthy' };
  }
}
