import type { Server, ServerOptions } from 'node:http';

/**
 * What the HTTP server gives a stranger before it knows the request is Slack's. Slack's largest
 * payloads (a view submission of 100 blocks with its state, a message action carrying the message) stay
 * far below 1 MiB.
 */
export const HTTP_LIMITS = {
  /** The largest request body read. */
  bodyBytes: 1024 * 1024,
  /** Bytes of not yet verified bodies held at once, over every connection; more waits for none: 503. */
  unverifiedBytes: 16 * 1024 * 1024,
  /** Open connections; more are refused by the kernel's backlog, then closed at once. */
  connections: 512,
  /** Headers must arrive within this. */
  headersMs: 10_000,
  /** The whole request (headers and body) must arrive within this. */
  requestMs: 15_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** How often Node checks connections against the two timeouts above. */
  checkEveryMs: 1_000,
  /** Slack's signatures are valid for five minutes; an older (or later) timestamp is a replay. */
  timestampSkewSeconds: 5 * 60,
} as const;

/** Options for `http.createServer`: timeouts checked every second, so a slow client is ended on time. */
export const SERVER_OPTIONS: ServerOptions = {
  headersTimeout: HTTP_LIMITS.headersMs,
  requestTimeout: HTTP_LIMITS.requestMs,
  keepAliveTimeout: HTTP_LIMITS.keepAliveMs,
  connectionsCheckingInterval: HTTP_LIMITS.checkEveryMs,
};

/** What `createServer` options cannot set. */
export function limitServer(server: Server): void {
  server.maxConnections = HTTP_LIMITS.connections;
  // An idle socket (no request yet) is ended too, not only one in the middle of a request.
  server.timeout = HTTP_LIMITS.requestMs;
}
