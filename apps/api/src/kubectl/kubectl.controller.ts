import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/access.decorators';
import { Context } from '../context/request-context.decorator';
import { RequestContext } from '../context/request-context';
import { ApiErrorResponse } from '../errors/api-error-response.decorator';
import { ExecuteRequestDto } from './dto/execute-request.dto';
import { KubectlCommandRequestDto } from './dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto } from './dto/kubectl-command-response.dto';
import { KubectlCommandService } from './kubectl-command.service';
import { CLUSTER_TARGET_EXAMPLES, KUBECTL_ERROR_EXAMPLES } from './kubectl-error.examples';

@ApiTags('kubectl')
@Authenticated()
@ApiErrorResponse(400, 'Invalid body (VALIDATION_FAILED, INVALID_JSON), or a command that cannot be read as a kubectl command line.', {
  error: 'VALIDATION_FAILED',
  message: KUBECTL_ERROR_EXAMPLES.VALIDATION_FAILED,
})
@ApiErrorResponse(403, 'Execution disabled (EXECUTION_DISABLED), or the policy denied the command (WRITES_DISABLED, VERB_DENIED, ...).', {
  error: 'WRITES_DISABLED',
  message: KUBECTL_ERROR_EXAMPLES.WRITES_DISABLED,
})
@ApiErrorResponse(413, 'Body over 2 MiB.', { error: 'PAYLOAD_TOO_LARGE', message: KUBECTL_ERROR_EXAMPLES.PAYLOAD_TOO_LARGE })
@ApiErrorResponse(503, 'LLM not configured, kubectl missing, or every execution slot busy (see Retry-After).', {
  error: 'LLM_NOT_CONFIGURED',
  message: KUBECTL_ERROR_EXAMPLES.LLM_NOT_CONFIGURED,
})
@Controller()
export class KubectlController {
  constructor(private readonly service: KubectlCommandService) {}

  @Post('kubectl-command')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn a plain-language request into one kubectl command, and optionally run it' })
  @ApiOkResponse({ type: KubectlCommandResponseDto })
  @ApiErrorResponse(
    422,
    'The model gave no single kubectl command (LLM_OUTPUT_INVALID), proposed one the policy denies, or named a resource type or ' +
      'namespace the cluster does not have (UNKNOWN_RESOURCE, UNKNOWN_NAMESPACE, with `suggestions`).',
    [{ error: 'LLM_OUTPUT_INVALID', message: KUBECTL_ERROR_EXAMPLES.LLM_OUTPUT_INVALID }, ...CLUSTER_TARGET_EXAMPLES],
  )
  @ApiErrorResponse(502, 'The LLM endpoint failed: unreachable, 401/403, 429, 5xx or a malformed answer.', {
    error: 'LLM_UPSTREAM_AUTH',
    message: KUBECTL_ERROR_EXAMPLES.LLM_UPSTREAM_AUTH,
  })
  @ApiErrorResponse(504, 'The LLM did not answer within LLM_TIMEOUT.', {
    error: 'LLM_TIMEOUT',
    message: KUBECTL_ERROR_EXAMPLES.LLM_TIMEOUT,
  })
  generate(@Body() body: KubectlCommandRequestDto, @Context() context: RequestContext): Promise<KubectlCommandResponseDto> {
    return this.service.fromQuery(body, context);
  }

  @Post('execute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run one kubectl command that the safety policy approves' })
  @ApiOkResponse({ type: KubectlCommandResponseDto, description: 'The command ran; a failing kubectl is reported in execution_error.' })
  @ApiErrorResponse(
    422,
    'The command names a resource type or namespace the cluster does not have (UNKNOWN_RESOURCE, UNKNOWN_NAMESPACE, with `suggestions`); checked only once discovery has read the cluster.',
    CLUSTER_TARGET_EXAMPLES,
  )
  execute(@Body() body: ExecuteRequestDto, @Context() context: RequestContext): Promise<KubectlCommandResponseDto> {
    return this.service.execute(body, context);
  }
}
