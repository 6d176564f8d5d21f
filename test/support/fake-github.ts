import { createHash } from 'node:crypto';
import type * as http from 'node:http';
import { LocalServer } from './local-server';

/** One repository as the fake GitHub serves it. */
export interface FakeRepository {
  /** Its name now; a request for an old name is redirected here (301). */
  full_name: string;
  /** Old `owner/repo` names that redirect to this one, as GitHub does after a rename or transfer. */
  formerly?: string[];
  stars: number;
  pushed_at: string;
  archived?: boolean;
  license?: string | null;
  release?: { tag: string; published_at: string };
  /** Files of the default branch by path, for the contents API; folders are the paths' prefixes. */
  files?: Record<string, string>;
}

/** What the fake answers instead of the resource, for the next matching requests. */
export interface FakeFailure {
  readonly path: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly message: string;
  /** How many requests get it (then the resource is served again); Infinity for always. */
  times: number;
}

export interface RecordedRequest {
  readonly path: string;
  readonly status: number;
  readonly ifNoneMatch?: string;
  readonly authorization?: string;
}

/**
 * A small stand-in for GitHub's REST API on 127.0.0.1: repositories and their latest releases with
 * ETags (If-None-Match gives 304, which costs no rate limit), 301 for renamed repositories, 404 for
 * unknown ones, an hourly limit that runs out (403 with X-RateLimit-Remaining: 0), and failures on
 * demand (secondary rate limits with Retry-After, server errors).
 */
export class FakeGithub extends LocalServer {
  readonly repositories = new Map<string, FakeRepository & { id: number }>();
  readonly requests: RecordedRequest[] = [];
  readonly failures: FakeFailure[] = [];
  /** Requests left this hour; a 304 spends none. */
  remaining = 5000;
  limit = 5000;

  add(repository: FakeRepository): void {
    this.repositories.set(repository.full_name.toLowerCase(), {
      ...repository,
      id: this.repositories.size + 1,
    });
  }

  fail(failure: Omit<FakeFailure, 'times'> & { times?: number }): void {
    this.failures.push({ times: 1, ...failure });
  }

  /** Requests that reached a resource (not /rate_limit). */
  get resourceRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path !== '/rate_limit');
  }

  private reset(): number {
    return Math.floor(Date.now() / 1000) + 3600;
  }

  private send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    const etag = status === 200 ? `"${createHash('sha1').update(text).digest('hex')}"` : undefined;
    const ifNoneMatch = req.headers['if-none-match'];
    const notModified = etag !== undefined && ifNoneMatch === etag;
    if (!notModified && path !== '/rate_limit' && this.remaining > 0) this.remaining--;
    this.requests.push({
      path,
      status: notModified ? 304 : status,
      ...(typeof ifNoneMatch === 'string' && { ifNoneMatch }),
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
    });
    res.writeHead(notModified ? 304 : status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-reset': String(this.reset()),
      ...(etag && { etag }),
      ...headers,
    });
    res.end(notModified ? undefined : text);
  }

  protected handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path === '/rate_limit') {
      this.send(req, res, path, 200, {
        resources: { core: { limit: this.limit, remaining: this.remaining, reset: this.reset(), used: 0 } },
      });
      return;
    }
    const failure = this.failures.find((candidate) => candidate.path === path && candidate.times > 0);
    if (failure) {
      failure.times--;
      this.send(req, res, path, failure.status, { message: failure.message }, failure.headers);
      return;
    }
    if (this.remaining === 0) {
      this.send(req, res, path, 403, {
        message:
          'API rate limit exceeded for 127.0.0.1. (But here is the good news: authenticated requests get a higher rate limit.)',
      });
      return;
    }
    const inside = /^\/repos\/([^/]+\/[^/]+)\/(contents\/(.*)|commits\/HEAD)$/.exec(path);
    if (inside) {
      this.serveInside(req, res, path, inside[1]?.toLowerCase() ?? '', inside[3]);
      return;
    }
    const byId = /^\/repositories\/(\d+)(\/releases\/latest)?$/.exec(path);
    const byName = /^\/repos\/([^/]+\/[^/]+?)(\/releases\/latest)?$/.exec(path);
    const name = byName?.[1]?.toLowerCase();
    const repository = byId
      ? [...this.repositories.values()].find((candidate) => candidate.id === Number(byId[1]))
      : name
        ? this.repositories.get(name)
        : undefined;
    const moved = name
      ? [...this.repositories.values()].find((candidate) =>
          candidate.formerly?.some((old) => old.toLowerCase() === name),
        )
      : undefined;
    if (moved && byName) {
      this.send(
        req,
        res,
        path,
        301,
        { message: 'Moved Permanently', url: `${this.url}/repositories/${moved.id}` },
        {
          location: `${this.url}/repositories/${moved.id}${byName[2] ?? ''}`,
        },
      );
      return;
    }
    if (!repository) {
      this.send(req, res, path, 404, { message: 'Not Found' });
      return;
    }
    if (byId?.[2] || byName?.[2]) {
      if (!repository.release) this.send(req, res, path, 404, { message: 'Not Found' });
      else
        this.send(req, res, path, 200, {
          tag_name: repository.release.tag,
          published_at: repository.release.published_at,
        });
      return;
    }
    const [owner = ''] = repository.full_name.split('/');
    this.send(req, res, path, 200, {
      id: repository.id,
      full_name: repository.full_name,
      stargazers_count: repository.stars,
      pushed_at: repository.pushed_at,
      archived: repository.archived ?? false,
      license: repository.license ? { spdx_id: repository.license } : null,
      owner: { login: owner, avatar_url: `https://avatars.example.test/${owner}.png` },
    });
  }

  /** The newest commit (a hash of the files) or a path's contents: a file in base64, a folder's entries. */
  private serveInside(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    name: string,
    file: string | undefined,
  ): void {
    const [status, body] = this.inside(name, file);
    this.send(req, res, path, status, body);
  }

  private inside(name: string, file: string | undefined): [number, unknown] {
    const repository = this.repositories.get(name);
    if (!repository) return [404, { message: 'Not Found' }];
    const files = repository.files ?? {};
    if (file === undefined)
      return [
        200,
        {
          sha: createHash('sha1')
            .update(JSON.stringify([repository.full_name, files]))
            .digest('hex'),
        },
      ];
    const wanted = decodeURIComponent(file);
    const text = files[wanted];
    if (text !== undefined)
      return [200, { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') }];
    const entries = Object.keys(files)
      .filter((candidate) => candidate.startsWith(`${wanted}/`))
      .map((candidate) => ({ name: candidate.slice(wanted.length + 1).split('/')[0], type: 'file' }));
    return entries.length > 0 ? [200, entries] : [404, { message: 'Not Found' }];
  }
}
