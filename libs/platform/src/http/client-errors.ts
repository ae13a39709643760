import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const answers: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'HTTP.HEADERS_TOO_LARGE',
    'request headers are too large',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'HTTP.REQUEST_TIMEOUT',
    'request took too long',
  ],
};
const malformed: [number, string, string, string] = [
  400,
  'Bad Request',
  'HTTP.BAD_REQUEST',
  'malformed HTTP request',
];

/**
 * Requests Node's HTTP parser refuses (oversized headers, a garbage request line, a body that
 * never finishes) never reach Express: answer them in our JSON error shape too, then close.
 */
export function jsonClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this connection cannot be followed by another.
    const sending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || sending?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] = answers[error.code ?? ''] ?? malformed;
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
