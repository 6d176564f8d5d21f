import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export interface GithubClientOptions {
  /** GitHub Enterprise or a test server; GitHub's own API by default. */
  readonly baseUrl?: string;
  /** Optional: without one GitHub allows 60 requests an hour. */
  readonly token?: string;
  /** Where waits and give-ups are told (stderr in the CLI, the logger in the bot). */
  readonly log: (line: string) => void;
  /** The longest wait for a rate limit's reset before stopping: a primary limit resets within the hour. */
  readonly maxWaitSeconds?: number;
  /** Milliseconds per second of the waits GitHub asks for, and of the retry backoff (tests shorten it). */
  readonly secondMs?: number;
  readonly timeoutMs?: number;
  /** Aborts every request under way (the bot's shutdown). */
  readonly signal?: AbortSignal;
}

/** GitHub's hourly limit is spent and resets later than the client will wait. */
export class RateLimitedError extends Error {
  constructor(
    readonly limit: RateLimit | undefined,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `GitHub's rate limit is spent${limit ? ` (${limit.remaining} of ${limit.limit} requests left)` : ''}; it resets in ${Math.ceil(retryAfterSeconds / 60)} min${limit?.limit === 60 ? ': set GITHUB_TOKEN for 5,000 requests an hour' : ''}`,
    );
    this.name = 'RateLimitedError';
  }
}

export interface RateLimit {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds since the epoch. */
  readonly reset: number;
}

/** The repository fields the sync keeps. */
export interface RepositoryData {
  readonly full_name: string;
  readonly stargazers_count: number;
  readonly pushed_at: string;
  readonly archived: boolean;
  readonly license: { readonly spdx_id: string | null } | null;
  readonly owner: { readonly avatar_url: string };
}

export interface ReleaseData {
  readonly tag_name: string;
  readonly published_at: string | null;
}

/** 200 with data and its validator, 304 (unchanged since `etag`), or 404. */
export type Answer<T> =
  | { readonly status: 'ok'; readonly data: T; readonly etag?: string }
  | { readonly status: 'not-modified' }
  | { readonly status: 'not-found' };

/** A file (its content, base64) or a folder (its entries) from the contents API. */
export type ContentsData =
  | { readonly type: 'file'; readonly content: string; readonly encoding: string }
  | readonly { readonly name: string; readonly type: string }[];

export interface GithubClient {
  repository(repository: string, etag?: string): Promise<Answer<RepositoryData>>;
  latestRelease(repository: string, etag?: string): Promise<Answer<ReleaseData>>;
  /** A path of the default branch: a file or a folder's listing. */
  contents(repository: string, path: string): Promise<Answer<ContentsData>>;
  /** The newest commit of the default branch. */
  headCommit(repository: string): Promise<Answer<{ readonly sha: string }>>;
  rateLimit(): Promise<RateLimit>;
}

const Client = Octokit.plugin(throttling, retry);

/**
 * Octokit with its throttling and retry plugins: waits exactly as long as GitHub asks (Retry-After for
 * a secondary limit, X-RateLimit-Reset for the hourly one) when that is not too long, retries server
 * errors with backoff, and sends If-None-Match so an unchanged repository costs no rate limit.
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const maxWait = options.maxWaitSeconds ?? 60;
  const secondMs = options.secondMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = () =>
    options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
  let lastLimit: RateLimit | undefined;
  const octokit = new Client({
    ...(options.baseUrl && { baseUrl: options.baseUrl.replace(/\/+$/, '') }),
    ...(options.token && { auth: options.token }),
    userAgent: 'ebpf-bot catalog sync',
    log: { debug: () => {}, info: () => {}, warn: options.log, error: options.log },
    throttle: {
      retryAfterBaseValue: secondMs,
      // Returning false lets the 403 or 429 through, which `get` turns into a RateLimitedError.
      onRateLimit: (retryAfter: number, request: { url: string }, _client: unknown, retryCount: number) => {
        if (retryCount > 0 || retryAfter > maxWait) return false;
        options.log(`GitHub's rate limit is spent; waiting ${retryAfter} s as it asks (${request.url})`);
        return true;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { url: string },
        _client: unknown,
        retryCount: number,
      ) => {
        if (retryCount >= 3 || retryAfter > maxWait) return false;
        options.log(`GitHub's secondary rate limit: waiting ${retryAfter} s as it asks (${request.url})`);
        return true;
      },
    },
    retry: { retryAfterBaseValue: secondMs },
  });
  octokit.hook.after('request', (response) => {
    lastLimit = limitOf(response.headers) ?? lastLimit;
  });

  async function get<T>(route: string, params: Record<string, string>, etag?: string): Promise<Answer<T>> {
    try {
      const response = await octokit.request(route, {
        ...params,
        headers: etag ? { 'if-none-match': etag } : {},
        request: { signal: signal() },
      });
      const validator = response.headers.etag;
      return { status: 'ok', data: response.data as T, ...(validator && { etag: validator }) };
    } catch (error) {
      const { status, message, response } = error as {
        status?: number;
        message?: string;
        response?: { headers?: Record<string, string | number | undefined> };
      };
      if (status === 304) return { status: 'not-modified' };
      if (status === 404) return { status: 'not-found' };
      const headers = response?.headers ?? {};
      const limit = limitOf(headers) ?? lastLimit;
      if (
        (status === 403 || status === 429) &&
        (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message ?? ''))
      )
        throw new RateLimitedError(limit, retryAfterOf(headers, limit));
      throw error;
    }
  }

  const split = (repository: string) => {
    const [owner = '', repo = ''] = repository.split('/');
    return { owner, repo };
  };
  return {
    repository: (repository, etag) =>
      get<RepositoryData>('GET /repos/{owner}/{repo}', split(repository), etag),
    latestRelease: (repository, etag) =>
      get<ReleaseData>('GET /repos/{owner}/{repo}/releases/latest', split(repository), etag),
    contents: (repository, path) =>
      get<ContentsData>('GET /repos/{owner}/{repo}/contents/{path}', { ...split(repository), path }),
    headCommit: (repository) =>
      get<{ sha: string }>('GET /repos/{owner}/{repo}/commits/{ref}', { ...split(repository), ref: 'HEAD' }),
    async rateLimit() {
      // GitHub does not count this request against the limit.
      const { data } = await octokit.request('GET /rate_limit', {
        request: { signal: signal() },
      });
      const core = (data as { resources: { core: RateLimit } }).resources.core;
      lastLimit = { limit: core.limit, remaining: core.remaining, reset: core.reset };
      return lastLimit;
    },
  };
}

/** Seconds until a limit lifts: Retry-After when GitHub sends it, else until the hourly reset. */
function retryAfterOf(
  headers: Record<string, string | number | undefined>,
  limit: RateLimit | undefined,
): number {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  return limit ? Math.max(0, limit.reset - Math.floor(Date.now() / 1000)) : 3600;
}

function limitOf(headers: Record<string, string | number | undefined>): RateLimit | undefined {
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(limit) && Number.isFinite(remaining) && Number.isFinite(reset)
    ? { limit, remaining, reset }
    : undefined;
}
