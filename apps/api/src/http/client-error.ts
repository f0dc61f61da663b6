import { randomUUID } from 'node:crypto';
import { STATUS_CODES, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { errorBody } from '../errors/error-body';
import { API_ERROR_MESSAGES } from '../errors/error-messages';
import { mapError } from '../errors/error-mapping';
import { REQUEST_ID_HEADER } from './request-id';

interface ParserError extends Error {
  code?: string;
}

/**
 * Requests Node's HTTP parser rejects (headers over the size limit, malformed request lines)
 * never reach the app; they are answered here in the API's error shape instead of a bare status line.
 */
export function answerClientErrorsInErrorShape(server: Server): void {
  server.on('clientError', (error: ParserError, socket: Socket) => answerClientError(error, socket));
}

function answerClientError(error: ParserError, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // The client closed its side in the middle of a request: that request's body can never end,
  // so waiting for its answer would hold the connection (and a graceful shutdown) forever.
  if (error.code === 'HPE_INVALID_EOF_STATE') {
    socket.destroy();
    return;
  }
  // Bytes that follow a request still being answered (garbage pipelined behind it), or any bytes
  // after a `Connection: close` request: that request keeps its one answer, then the connection closes.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight && !inFlight.writableFinished) {
    inFlight.once('close', () => socket.end());
    return;
  }
  if (error.code === 'HPE_CLOSED_CONNECTION') {
    socket.end();
    return;
  }
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiException(ApiErrorCode.HEADERS_TOO_LARGE, API_ERROR_MESSAGES.HEADERS_TOO_LARGE)
      : new ApiException(ApiErrorCode.BAD_REQUEST, API_ERROR_MESSAGES.BAD_REQUEST);
  const requestId = randomUUID();
  const mapped = mapError(refusal);
  const body = JSON.stringify(errorBody(mapped, requestId));
  socket.end(
    `HTTP/1.1 ${mapped.status} ${STATUS_CODES[mapped.status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `${REQUEST_ID_HEADER}: ${requestId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
