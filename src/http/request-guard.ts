import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HTTP_LIMITS } from './limits';

export interface GuardOptions {
  readonly signingSecret: string;
  /** The paths Slack posts to. */
  readonly eventPaths: readonly string[];
  readonly bodyBytes?: number;
  readonly unverifiedBytes?: number;
  readonly nowSeconds?: () => number;
  /** Told of every refused request, for the log and metrics. */
  readonly onRefused?: (status: number, reason: string) => void;
}

/** A request that Bolt's receiver takes as already read (it skips reading when `rawBody` is set). */
type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

class Refusal extends Error {
  constructor(
    readonly status: number,
    reason: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(reason);
  }
}

/** Ends the exchange and the connection: a refused client gets nothing more read from it. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(refusal.status, { connection: 'close', ...refusal.headers });
  res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Why the headers alone already show a request is not Slack's, or is too big; undefined: read on. */
export function headerProblem(
  req: IncomingMessage,
  nowSeconds: number,
  bodyBytes: number,
): Refusal | undefined {
  const signature = header(req, 'x-slack-signature');
  const timestamp = header(req, 'x-slack-request-timestamp');
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return new Refusal(401, 'no Slack signature');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return new Refusal(401, 'no Slack timestamp');
  if (Math.abs(nowSeconds - Number(timestamp)) > HTTP_LIMITS.timestampSkewSeconds)
    return new Refusal(401, 'stale Slack timestamp');
  const length = req.headers['content-length'];
  if (length !== undefined && !(Number(length) <= bodyBytes)) return new Refusal(413, 'body too large');
  return undefined;
}

/** Slack's v0 signature of a body, compared in constant time. */
export function signedBySlack(req: IncomingMessage, body: Buffer, signingSecret: string): boolean {
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret)
      .update(`v0:${header(req, 'x-slack-request-timestamp')}:`)
      .update(body)
      .digest('hex')}`,
  );
  const given = Buffer.from(header(req, 'x-slack-signature') ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a signed body has a shape Bolt can route: a JSON object, or a form whose `payload` (when
 * there is one) is a JSON object. Anything else (`null`, a list, a number) would reach Bolt's receiver
 * as a body it reads fields of.
 */
export function routableBody(body: Buffer, contentType: string | undefined): boolean {
  try {
    const text = body.toString('utf8');
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const { payload } = parseQuery(text);
      if (payload === undefined) return true;
      return typeof payload === 'string' && isObject(JSON.parse(payload));
    }
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * Puts the checks that need no trust in front of Bolt's receiver, so a stranger costs almost nothing:
 * Slack's signature headers and a fresh timestamp before a byte of the body is read, a body limit while
 * reading, a cap on the bytes of unverified bodies held over every connection, then the signature and
 * the body's shape. Every refusal closes the connection. Other paths pass through when they carry no body.
 */
export function guardSlackRequests(inner: RequestListener, options: GuardOptions): RequestListener {
  const bodyBytes = options.bodyBytes ?? HTTP_LIMITS.bodyBytes;
  const budget = options.unverifiedBytes ?? HTTP_LIMITS.unverifiedBytes;
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  let held = 0;

  const refused = (res: ServerResponse, refusal: Refusal) => {
    options.onRefused?.(refusal.status, refusal.message);
    refuse(res, refusal);
  };

  async function readBody(req: IncomingMessage, reserve: number): Promise<Buffer> {
    held += reserve;
    try {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > bodyBytes) throw new Refusal(413, 'body too large');
        chunks.push(chunk);
      }
      return Buffer.concat(chunks, length);
    } finally {
      held -= reserve;
    }
  }

  return (req: BufferedRequest, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (!options.eventPaths.includes(path)) {
      if (hasBody(req)) return refused(res, new Refusal(404, `a body sent to ${path}`));
      return inner(req, res);
    }
    if (req.method !== 'POST') return refused(res, new Refusal(405, `${req.method} ${path}`));
    const problem = headerProblem(req, now(), bodyBytes);
    if (problem) return refused(res, problem);
    const declared = Number(req.headers['content-length'] ?? bodyBytes);
    if (held + declared > budget)
      return refused(res, new Refusal(503, 'too many unverified bodies', { 'retry-after': '1' }));

    readBody(req, declared).then(
      (body) => {
        if (!signedBySlack(req, body, options.signingSecret))
          return refused(res, new Refusal(401, 'wrong Slack signature'));
        if (!routableBody(body, req.headers['content-type']))
          return refused(res, new Refusal(400, 'a signed body Bolt cannot route'));
        req.rawBody = body;
        inner(req, res);
      },
      (error: unknown) => {
        refused(res, error instanceof Refusal ? error : new Refusal(400, 'body not read'));
        req.destroy();
      },
    );
  };
}
