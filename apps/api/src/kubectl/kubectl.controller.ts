import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBadGatewayResponse,
  ApiForbiddenResponse,
  ApiGatewayTimeoutResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated } from '../auth/authenticated.decorator';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { Caller, CallerContext } from '../audit/caller.decorator';
import { ExecuteRequestDto } from './dto/execute-request.dto';
import { KubectlCommandRequestDto } from './dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto } from './dto/kubectl-command-response.dto';
import { KubectlCommandService } from './kubectl-command.service';

@ApiTags('kubectl')
@Authenticated()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid body (VALIDATION_FAILED, INVALID_JSON) or a malformed command.' })
@ApiPayloadTooLargeResponse({ type: ErrorResponseDto, description: 'Body over 2 MB.' })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Execution disabled (EXECUTION_DISABLED) or the policy denied the command (WRITES_DISABLED, VERB_DENIED, ...).' })
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'LLM not configured, kubectl missing, or all execution slots busy (Retry-After).' })
@Controller()
export class KubectlController {
  constructor(private readonly service: KubectlCommandService) {}

  @Post('kubectl-command')
  @HttpCode(200)
  @ApiOperation({ summary: 'Turn a plain-language request into one kubectl command, and optionally run it' })
  @ApiOkResponse({ type: KubectlCommandResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The model gave no single kubectl command (LLM_OUTPUT_INVALID) or one the policy denies.' })
  @ApiBadGatewayResponse({ type: ErrorResponseDto, description: 'The LLM endpoint failed: unreachable, 401/403, 429, 5xx or a malformed answer.' })
  @ApiGatewayTimeoutResponse({ type: ErrorResponseDto, description: 'The LLM did not answer within LLM_TIMEOUT.' })
  generate(@Body() body: KubectlCommandRequestDto, @Caller() caller: CallerContext): Promise<KubectlCommandResponseDto> {
    return this.service.fromQuery(body, caller);
  }

  @Post('execute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run one kubectl command that the safety policy approves' })
  @ApiOkResponse({ type: KubectlCommandResponseDto, description: 'The command ran; a failing kubectl is reported in execution_error.' })
  execute(@Body() body: ExecuteRequestDto, @Caller() caller: CallerContext): Promise<KubectlCommandResponseDto> {
    return this.service.execute(body, caller);
  }
}
