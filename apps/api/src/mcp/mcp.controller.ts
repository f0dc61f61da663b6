import { All, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig, InjectAppConfig } from '@app/config';
import { Authenticated } from '../auth/access.decorators';
import { Context } from '../context/request-context.decorator';
import { RequestContext } from '../context/request-context';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { KubectlCommandService } from '../kubectl/kubectl-command.service';

/**
 * The MCP SDK and zod take about a third of a second to load: they are loaded with the first MCP
 * request, not at start-up, which every other route would wait for.
 */
let sdk: Promise<[typeof import('./mcp-tools'), typeof import('@modelcontextprotocol/sdk/server/streamableHttp.js')]> | undefined;
function loadSdk(): NonNullable<typeof sdk> {
  sdk ??= Promise.all([import('./mcp-tools'), import('@modelcontextprotocol/sdk/server/streamableHttp.js')]);
  return sdk;
}

/**
 * The Streamable HTTP MCP endpoint, stateless: each request gets its own server and transport,
 * built for its caller. Keys, rate limits and audit are the REST API's (the same guards run).
 */
@ApiExcludeController()
@Authenticated()
@Controller('mcp')
export class McpController {
  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly service: KubectlCommandService,
  ) {}

  @All()
  @HttpCode(200)
  async handle(
    @Context() context: RequestContext,
    @Req() request: IncomingMessage & { body?: unknown },
    @Res() response: ServerResponse,
  ): Promise<void> {
    this.assertOriginAllowed(context);
    const [{ buildMcpServer }, { StreamableHTTPServerTransport }] = await loadSdk();
    const server = buildMcpServer(this.service, context);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  }

  /** Browsers send Origin; a page on another site must not reach the endpoint through a rebound DNS name. */
  private assertOriginAllowed(context: RequestContext): void {
    const origin = context.headers.origin;
    if (origin === undefined || this.config.mcp.allowedOrigins.includes(origin)) return;
    throw new ApiException(ApiErrorCode.ORIGIN_NOT_ALLOWED, `Origin ${JSON.stringify(origin.slice(0, 100))} is not in MCP_ALLOWED_ORIGINS.`);
  }
}
