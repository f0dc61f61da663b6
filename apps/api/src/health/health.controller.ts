import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { NotReadyDto, ReadinessDto } from './readiness.dto';
import { ReadinessIndicators } from './readiness.indicators';

export class HealthDto {
  @ApiProperty({ example: 'healthy' })
  status: string;
}

type Checks = Record<string, Record<string, unknown>>;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: ReadinessIndicators,
  ) {}

  @Get()
  @ApiOperation({ summary: "Liveness: the process is up (the original service's check)" })
  @ApiOkResponse({ type: HealthDto, description: 'The process is up.' })
  live(): HealthDto {
    return { status: 'healthy' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: kubectl present, LLM configured, Redis reachable when configured; reports cluster discovery without failing on it' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready to serve.' })
  @ApiServiceUnavailableResponse({ type: NotReadyDto, description: 'Not ready (NOT_READY); `checks` says which check failed.' })
  async ready(): Promise<ReadinessDto> {
    const result = await this.health
      .check([
        () => this.indicators.kubectl(),
        () => this.indicators.llm(),
        () => this.indicators.redisStore(),
        () => this.indicators.clusterDiscovery(),
      ])
      .then(
        (report) => report,
        (error: { getResponse?: () => unknown }) => error.getResponse?.() as { details?: Checks } | undefined,
      );
    const checks = result?.details ?? {};
    const failing = Object.entries(checks).filter(([, check]) => check.status !== 'up').map(([name]) => name);
    if (failing.length === 0 && result) return { status: 'ok', checks };
    throw new ApiException(ApiErrorCode.NOT_READY, `Not ready: ${failing.join(', ') || 'unknown'}`, undefined, { checks });
  }
}
