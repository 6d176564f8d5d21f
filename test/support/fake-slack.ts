import type * as http from 'node:http';
import { LocalServer } from './local-server';

/** A message in the fake's conversations. */
export interface FakeMessage {
  readonly ts: string;
  text: unknown;
  readonly thread_ts?: string;
  readonly user?: string;
  readonly bot_id?: string;
  readonly blocks?: unknown;
  metadata?: unknown;
}

/** One request the bot made: a Web API method or a response_url post. */
export interface RecordedCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly token?: string;
  /** The call got one of the failures it was told to give (so, for a post, nothing was posted). */
  readonly refused?: true;
}

export interface FakeReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: Record<string, unknown>;
  /** Only calls whose body this accepts get the reply (e.g. one channel). */
  readonly when?: (body: Record<string, unknown>) => boolean;
}

/** A workspace (or an Enterprise Grid organisation, installed org-wide) that installs the bot. */
export interface FakeWorkspace {
  readonly teamId: string;
  readonly name: string;
  readonly enterpriseId?: string;
  readonly orgWide?: boolean;
  readonly scopes?: string;
}

/** Parses what @slack/web-api sends: a form whose nested values (blocks, metadata) are JSON strings. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

/**
 * A small stand-in for Slack's Web API on 127.0.0.1: answers the methods the bot calls, records every
 * call, and can be told to fail the next calls of a method (rate limits, server errors).
 */
export class FakeSlack extends LocalServer {
  /** Calls since the last clear (tests clear it between cases). */
  readonly calls: RecordedCall[] = [];
  /** Calls per method since start, never cleared. */
  private readonly totals = new Map<string, number>();
  private readonly failures = new Map<string, FakeReply[]>();
  private readonly answers = new Map<string, (body: Record<string, unknown>) => Record<string, unknown>>();
  /** OAuth codes this fake will exchange, and the workspace each installs into. */
  private readonly codes = new Map<string, FakeWorkspace>();
  /** Bot tokens it has issued (and not revoked), by token. */
  private readonly tokens = new Map<string, FakeWorkspace>();
  /** Messages posted, by channel, oldest first: what conversations.history and .replies answer with. */
  private readonly channels = new Map<string, FakeMessage[]>();
  /** Message timestamps are the time of posting, made unique as Slack's are. */
  private posted = 0;
  /** users.info's `locale`, by user id (en-US otherwise). */
  readonly locales = new Map<string, string>();
  /** Calls that are never answered (a Slack that stopped answering), by method. */
  private readonly stalls = new Map<string, (body: Record<string, unknown>) => boolean>();
  /** Called as a call arrives, before it is answered. */
  private readonly hooks = new Map<string, (body: Record<string, unknown>) => void>();

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for a payload; posts to it are recorded as method `response`. */
  responseUrl(id = 'r1'): string {
    return `${this.url}/response/${id}`;
  }

  /** A new message timestamp, later than every earlier one. */
  nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.posted % 1_000_000).padStart(6, '0')}`;
  }

  /** A message in a conversation, as if someone had written it there (or the bot posted it). */
  addMessage(channel: string, message: FakeMessage): void {
    this.channels.set(channel, [...(this.channels.get(channel) ?? []), message]);
  }

  /** The next `replies.length` calls of `method` get these replies instead of success. */
  fail(method: string, ...replies: FakeReply[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...replies]);
  }

  /** An OAuth code that, exchanged at oauth.v2.access, installs the bot into this workspace. */
  issueCode(code: string, workspace: FakeWorkspace): void {
    this.codes.set(code, workspace);
  }

  /** The workspace's token stops working, as after an uninstall. */
  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** Custom success answers, e.g. a channel history. */
  answer(method: string, reply: (body: Record<string, unknown>) => Record<string, unknown>): void {
    this.answers.set(method, reply);
  }

  /** Calls of `method` that `when` accepts get no answer at all, until `stop()` drops them. */
  stall(method: string, when: (body: Record<string, unknown>) => boolean = () => true): void {
    this.stalls.set(method, when);
  }

  /** Runs `hook` as each call of `method` arrives, before its answer. */
  onCall(method: string, hook: (body: Record<string, unknown>) => void): void {
    this.hooks.set(method, hook);
  }

  total(method: string): number {
    return this.totals.get(method) ?? 0;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once `count` calls of `method` arrived, or rejects after `ms`. */
  async waitFor(method: string, count = 1, ms = 5000): Promise<RecordedCall[]> {
    const started = Date.now();
    while (this.callsTo(method).length < count) {
      if (Date.now() - started > ms)
        throw new Error(`waited ${ms} ms for ${count} ${method} call(s), got ${this.callsTo(method).length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.callsTo(method);
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const method = path.startsWith('/response/')
        ? 'response'
        : path.replace(/^\/api\//, '').replace(/\?.*$/, '');
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      this.totals.set(method, (this.totals.get(method) ?? 0) + 1);
      this.hooks.get(method)?.(body);
      if (this.stalls.get(method)?.(body)) {
        this.calls.push({ method, body, ...(token && { token }), refused: true as const });
        return;
      }

      const queue = this.failures.get(method) ?? [];
      const index = queue.findIndex((reply) => !reply.when || reply.when(body));
      const [failure] = index >= 0 ? queue.splice(index, 1) : [];
      this.calls.push({ method, body, ...(token && { token }), ...(failure && { refused: true as const }) });
      if (failure) {
        res.writeHead(failure.status ?? 200, { 'content-type': 'application/json', ...failure.headers });
        res.end(JSON.stringify(failure.body ?? { ok: false, error: 'fake_failure' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.success(method, body, token)));
    });
  }

  private success(method: string, body: Record<string, unknown>, token?: string): Record<string, unknown> {
    const custom = this.answers.get(method);
    if (custom) return custom(body);
    const workspace = token ? this.tokens.get(token) : undefined;
    if (token?.startsWith('xoxb-fake-') && !workspace && method !== 'oauth.v2.access')
      return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: workspace ? `UBOT${workspace.teamId}` : 'UBOT',
          bot_id: workspace ? `BBOT${workspace.teamId}` : 'BBOT',
          team_id: workspace?.teamId ?? 'T1',
          ...(workspace?.enterpriseId && { enterprise_id: workspace.enterpriseId }),
          user: 'ebpf-bot',
          url: 'https://example.slack.com/',
        };
      case 'oauth.v2.access': {
        const installing = this.codes.get(String(body.code));
        if (!installing) return { ok: false, error: 'invalid_code' };
        this.codes.delete(String(body.code));
        const issued = `xoxb-fake-${installing.teamId}-${this.tokens.size + 1}`;
        this.tokens.set(issued, installing);
        return {
          ok: true,
          app_id: 'A1',
          authed_user: { id: 'UINSTALLER' },
          scope: String(installing.scopes ?? 'chat:write,commands'),
          token_type: 'bot',
          access_token: issued,
          bot_user_id: `UBOT${installing.teamId}`,
          team: installing.orgWide ? null : { id: installing.teamId, name: installing.name },
          enterprise: installing.enterpriseId
            ? { id: installing.enterpriseId, name: `${installing.name} Org` }
            : null,
          is_enterprise_install: installing.orgWide === true,
        };
      }
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const teamId = workspace?.teamId;
        this.addMessage(String(body.channel), {
          ts,
          text: body.text,
          ...(body.thread_ts !== undefined && { thread_ts: String(body.thread_ts) }),
          ...(body.blocks !== undefined && { blocks: body.blocks }),
          ...(body.metadata !== undefined && { metadata: body.metadata }),
          bot_id: teamId ? `BBOT${teamId}` : 'BBOT',
          user: teamId ? `UBOT${teamId}` : 'UBOT',
        });
        return { ok: true, channel: body.channel, ts, message: { text: body.text } };
      }
      case 'chat.update': {
        const message = this.channels.get(String(body.channel))?.find((posted) => posted.ts === body.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, {
          text: body.text,
          ...(body.metadata !== undefined && { metadata: body.metadata }),
        });
        return { ok: true, channel: body.channel, ts: body.ts };
      }
      case 'conversations.replies': {
        // The thread's root and its replies, oldest first, metadata only when asked for, paged by a cursor.
        const limit = Number(body.limit ?? 100);
        const thread = (this.channels.get(String(body.channel)) ?? [])
          .filter((message) => message.ts === body.ts || message.thread_ts === body.ts)
          .map(({ metadata, ...message }) => ({
            type: 'message',
            ...message,
            ...(body.include_all_metadata === 'true' && metadata !== undefined && { metadata }),
          }));
        const start = Number(body.cursor ?? 0);
        const more = start + limit < thread.length;
        return {
          ok: true,
          messages: thread.slice(start, start + limit),
          has_more: more,
          ...(more && { response_metadata: { next_cursor: String(start + limit) } }),
        };
      }
      case 'users.info':
        return { ok: true, user: { id: body.user, locale: this.locales.get(String(body.user)) ?? 'en-US' } };
      case 'conversations.history': {
        // Newest first, from `oldest` on, `limit` a page, paged with a cursor: as Slack does.
        const oldest = Number(body.oldest ?? 0);
        const limit = Number(body.limit ?? 100);
        const all = (this.channels.get(String(body.channel)) ?? [])
          .filter((message) => Number(message.ts) >= oldest)
          .reverse()
          .map((message) => ({
            type: 'message',
            ts: message.ts,
            text: message.text,
            bot_id: 'BBOT',
            ...(body.include_all_metadata === 'true' &&
              message.metadata !== undefined && { metadata: message.metadata }),
          }));
        const start = Number(body.cursor ?? 0);
        const page = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return {
          ok: true,
          messages: page,
          has_more: more,
          ...(more && { response_metadata: { next_cursor: String(start + limit) } }),
        };
      }
      default:
        return { ok: true };
    }
  }
}
