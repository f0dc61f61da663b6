import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { QUERY_MAX_LENGTH, QUERY_MIN_LENGTH, sanitizeQuery } from '@app/safety';
import { RequestContext } from '../context/request-context';
import { mapError } from '../errors/error-mapping';
import { EXECUTE_MAX_LENGTH } from '../kubectl/dto/execute-request.dto';
import { QUERY_LENGTH_MESSAGE } from '../kubectl/dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto } from '../kubectl/dto/kubectl-command-response.dto';
import { KubectlCommandService } from '../kubectl/kubectl-command.service';

export const GENERATE_TOOL = 'generate_kubectl_command';
export const RUN_TOOL = 'run_kubectl_command';

const verdictOf = (response: KubectlCommandResponseDto) => ({
  decision: response.safety.decision,
  code: response.safety.code,
  message: response.safety.message,
});

/**
 * The MCP server one request talks to: the same service, policy, scopes and audit as the REST API.
 * Only callers that may run commands are offered the run tool, and the tool checks again when called.
 */
export function buildMcpServer(service: KubectlCommandService, context: RequestContext): McpServer {
  const server = new McpServer({ name: 'kubectl-agent', version: '1.0.0' });
  server.registerTool(
    GENERATE_TOOL,
    {
      title: 'Generate a kubectl command',
      description:
        'Turns a plain-language request into one kubectl command and says what the safety policy makes of it. Never runs anything.',
      inputSchema: {
        query: z.string().describe('The request in plain words.'),
        dry_run: z.boolean().optional().describe('Judge a write as a server-side dry run.'),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
    },
    async ({ query, dry_run }) => {
      const sanitized = sanitizeQuery(query);
      if (sanitized.length < QUERY_MIN_LENGTH || sanitized.length > QUERY_MAX_LENGTH) {
        return refusal('VALIDATION_FAILED', QUERY_LENGTH_MESSAGE);
      }
      return answer(async () => {
        const response = await service.fromQuery({ query: sanitized, execute: false, dry_run: dry_run ?? false }, context, 'mcp');
        const result = { command: response.kubectl_command, verdict: verdictOf(response), explanation: response.explanation, risk: response.risk };
        return { content: [{ type: 'text', text: `${result.command}\n(${result.risk}: ${result.verdict.message})` }], structuredContent: result };
      });
    },
  );
  if (context.caller?.scope?.execute !== false) {
    server.registerTool(
      RUN_TOOL,
      {
        title: 'Run a kubectl command',
        description:
          'Runs one kubectl command after the safety policy approves it, and returns its structured output. Refusals come back as errors with their code.',
        inputSchema: {
          command: z.string().describe('One kubectl command line, starting with kubectl.'),
          dry_run: z.boolean().optional().describe('Run a write as a server-side dry run.'),
        },
        annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
      },
      async ({ command, dry_run }) => {
        if (command.length === 0 || command.length > EXECUTE_MAX_LENGTH) {
          return refusal('VALIDATION_FAILED', `command must be 1 to ${EXECUTE_MAX_LENGTH} characters long`);
        }
        return answer(async () => {
          const response = await service.execute({ execute: command, dry_run: dry_run ?? false }, context, 'mcp');
          const result = {
            command: response.kubectl_command,
            execution_result: response.execution_result,
            execution_error: response.execution_error,
            verdict: verdictOf(response),
            risk: response.risk,
          };
          return { content: [{ type: 'text', text: renderRun(response) }], structuredContent: result, isError: response.execution_error !== null };
        });
      },
    );
  }
  return server;
}

/** Refusals and failures are tool results with isError, the code and the message: never protocol errors. */
async function answer(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    const mapped = mapError(error);
    return refusal(mapped.code, mapped.message, mapped.safety);
  }
}

function refusal(code: string, message: string, safety?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [{ type: 'text', text: `${code}: ${message}` }],
    structuredContent: { error: code, message, ...(safety ? { verdict: { decision: safety.decision, code: safety.code, message: safety.message } } : {}) },
  };
}

function renderRun(response: KubectlCommandResponseDto): string {
  if (response.execution_error) return `${response.kubectl_command} failed (${response.execution_error.code}): ${response.execution_error.message}`;
  const raw = (response.execution_result as { raw?: string } | null)?.raw ?? '';
  return `${response.kubectl_command}\n${raw.length > 4000 ? `${raw.slice(0, 4000)}\n... (cut; see structuredContent)` : raw}`;
}
