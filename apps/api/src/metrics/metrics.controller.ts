import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@app/metrics';
import { Public } from '../auth/access.decorators';

const EXPOSITION_EXAMPLE = [
  '# HELP kubectl_agent_http_requests_total HTTP requests answered, by method, route template and status code.',
  '# TYPE kubectl_agent_http_requests_total counter',
  'kubectl_agent_http_requests_total{method="POST",route="/kubectl-command",status_code="200"} 42',
].join('\n');

/** Prometheus exposition at /metrics, open like /health so scrapers need no key. */
@ApiTags('health')
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format); see the README for the catalogue' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'Metrics in the Prometheus text format.',
    content: { 'text/plain': { schema: { type: 'string' }, example: EXPOSITION_EXAMPLE } },
  })
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
