import { ErrorExample } from '../errors/api-error-response.decorator';
import { API_ERROR_MESSAGES, unknownNamespaceMessage, unknownResourceMessage } from '../errors/error-messages';
import { QUERY_LENGTH_MESSAGE } from './dto/kubectl-command-request.dto';

/**
 * The error examples of the OpenAPI document. The API's own messages come from their constants;
 * the libraries' are quoted, and test/observability/openapi-examples.e2e-spec.ts provokes each
 * error for real and checks that the quote is what a client receives.
 */
export const KUBECTL_ERROR_EXAMPLES = {
  VALIDATION_FAILED: QUERY_LENGTH_MESSAGE,
  WRITES_DISABLED: 'kubectl scale is a write and writes are disabled (KUBECTL_ALLOW_WRITES is false); a dry run is still possible',
  PAYLOAD_TOO_LARGE: API_ERROR_MESSAGES.PAYLOAD_TOO_LARGE,
  LLM_NOT_CONFIGURED:
    'No LLM endpoint is configured: set OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama or vLLM).',
  LLM_OUTPUT_INVALID: 'The model reply contained no kubectl command. Rephrase the request as a Kubernetes task.',
  LLM_UPSTREAM_AUTH: 'The LLM endpoint answered 401 Unauthorized: check OPENAI_API_KEY.',
  LLM_TIMEOUT: 'The LLM endpoint did not answer within 1 s: try again later or raise LLM_TIMEOUT.',
} as const;

/**
 * Discovery's refusals, built by the functions the check itself uses, for the names a client might
 * mistype on a cluster with the CRD widgets.example.com and the namespace kube-system.
 */
export const CLUSTER_TARGET_EXAMPLES: readonly ErrorExample[] = [
  { error: 'UNKNOWN_RESOURCE', message: unknownResourceMessage('widgest', ['widgets.example.com']), suggestions: ['widgets.example.com'] },
  { error: 'UNKNOWN_NAMESPACE', message: unknownNamespaceMessage('kube-sytem', ['kube-system']), suggestions: ['kube-system'] },
];
