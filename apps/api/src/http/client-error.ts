import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';

interface ParserError extends Error {
  code?: string;
}

/**
 * Fastify's `clientErrorHandler`. Requests Node's HTTP parser rejects (headers over the size
 * limit, malformed request lines) never reach the app; they are answered here in the API's error
 * shape instead of a bare status line.
 */
export function answerClientError(error: ParserError, socket: Socket): void {
  if (!socket.writable) {
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
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    statusCode: status,
    error: tooLarge ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST',
    message: tooLarge ? 'The request headers are too large.' : 'The request could not be parsed as HTTP.',
    request_id: requestId,
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${requestId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
