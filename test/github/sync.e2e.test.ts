import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { GithubFile } from '../../src/github/facts';
import { FakeGithub } from '../support/fake-github';
import { tempCatalog } from '../support/temp-catalog';

/**
 * `ebpf-bot catalog sync` against a local fake of GitHub's REST API over real HTTP: ETags and 304,
 * a renamed repository (301), a deleted one (404), an archived one, rate limits both kinds, and a
 * server error in the middle of a sync.
 */

const NOW = new Date('2026-12-01T12:00:00Z');
let github: FakeGithub;
let catalog: ReturnType<typeof tempCatalog>;

function seed(fake: FakeGithub): void {
  fake.add({
    full_name: 'example/alpha',
    stars: 12_345,
    pushed_at: '2026-11-20T10:00:00Z',
    license: 'Apache-2.0',
    release: { tag: 'v1.4.0', published_at: '2026-11-10T09:00:00Z' },
  });
  fake.add({
    full_name: 'example-org/beta-tool',
    formerly: ['example/beta'],
    stars: 800,
    pushed_at: '2026-10-01T00:00:00Z',
    license: 'MIT',
  });
  fake.add({
    full_name: 'example/delta',
    stars: 40,
    pushed_at: '2024-01-01T00:00:00Z',
    archived: true,
    license: 'GPL-2.0-only',
  });
  fake.add({
    full_name: 'example/stale',
    stars: 5,
    pushed_at: '2025-06-01T00:00:00Z',
    license: 'BSD-2-Clause',
  });
}

beforeEach(async () => {
  github = await new FakeGithub().start();
  seed(github);
  catalog = tempCatalog([
    {
      id: 'alpha',
      repository: 'https://github.com/example/alpha',
      license: 'Apache-2.0 AND (GPL-2.0-only OR BSD-2-Clause)',
    },
    { id: 'beta', repository: 'https://github.com/example/beta', license: 'MIT' },
    { id: 'delta', repository: 'https://github.com/example/delta', license: 'GPL-2.0-only' },
    { id: 'gamma', repository: 'https://github.com/example/gamma' },
    { id: 'stale', repository: 'https://github.com/example/stale', license: 'MIT' },
    { id: 'elsewhere', repository: 'https://git.example.org/elsewhere.git' },
  ]);
});
afterEach(async () => {
  await github.stop();
  catalog.remove();
});

async function sync(args: string[] = [], env: NodeJS.ProcessEnv = {}, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    ['catalog', 'sync', catalog.dir, ...args],
    { stdout: (text) => out.push(text), stderr: (text) => err.push(text), stdin: process.stdin },
    { env: { GITHUB_API_URL: github.url, ...env }, tty, now: () => NOW, client: { secondMs: 20 } },
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const file = () => path.join(catalog.dir, 'github.json');
const read = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as GithubFile;

describe('catalog sync', () => {
  it('writes every GitHub repository’s facts, sorted and stable, and reports the drift', async () => {
    const { code, stdout, stderr } = await sync();
    expect(code).toBe(0);
    expect(stderr).toContain('GitHub API: 5000 of 5000 requests left this hour (no GITHUB_TOKEN)');
    const { synced, projects } = read();
    expect(synced).toBe('2026-12-01');
    expect(Object.keys(projects)).toEqual(['alpha', 'beta', 'delta', 'gamma', 'stale']);
    expect(projects.alpha).toMatchObject({
      repository: 'example/alpha',
      full_name: 'example/alpha',
      stars: 12_345,
      archived: false,
      license: 'Apache-2.0',
      release: { tag: 'v1.4.0', published_at: '2026-11-10T09:00:00Z' },
      avatar_url: 'https://avatars.example.test/example.png',
    });
    expect(projects.beta).toMatchObject({ repository: 'example/beta', full_name: 'example-org/beta-tool' });
    expect(projects.beta?.release).toBeUndefined();
    expect(projects.gamma).toEqual({ repository: 'example/gamma', missing: true });
    expect(fs.readFileSync(file(), 'utf8')).toMatch(
      /^\{\n {2}"projects": \{\n {4}"alpha": \{\n {6}"archived": false,/,
    );

    expect(stdout).toContain('beta: moved: github.com/example/beta is now github.com/example-org/beta-tool');
    expect(stdout).toContain('delta: archived: archived on GitHub (read-only); the catalog says active');
    expect(stdout).toContain('gamma: missing:');
    expect(stdout).toContain('stale: license: GitHub detects BSD-2-Clause; the catalog says MIT');
    expect(stdout).toContain('stale: stale: no push since 2025-06-01; the catalog says active');
    // Apache-2.0 is one of alpha's licences; an archived project is not also called stale
    expect(stdout).not.toMatch(/alpha:|delta: stale/);
    expect((await sync(['--check'])).code).toBe(1);
  });

  it('asks again with the stored ETags: unchanged repositories cost no rate limit and change no byte', async () => {
    await sync();
    const first = fs.readFileSync(file(), 'utf8');
    const answered = github.resourceRequests.filter((request) => request.status === 200).length;
    const remaining = github.remaining;
    github.requests.length = 0;
    const { code, stdout } = await sync();
    expect(code).toBe(0);
    const second = github.resourceRequests;
    // every resource answered before comes back 304, which spends nothing; only 404s and redirects cost
    expect(second.filter((request) => request.status === 200)).toEqual([]);
    expect(second.filter((request) => request.status === 304)).toHaveLength(answered);
    expect(remaining - github.remaining).toBe(second.filter((request) => request.status !== 304).length);
    expect(stdout).toMatch(/\(\d+ of \d+ answers unchanged\)/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(first);

    // a real change comes through
    const alpha = github.repositories.get('example/alpha');
    if (alpha) alpha.stars = 12_400;
    await sync();
    expect(read().projects.alpha?.stars).toBe(12_400);
  });

  it('waits out a secondary rate limit exactly as Retry-After says, then goes on', async () => {
    github.fail({
      path: '/repos/example/delta',
      status: 403,
      headers: { 'retry-after': '3' },
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    const started = Date.now();
    const { code, stderr } = await sync();
    expect(code).toBe(0);
    expect(stderr).toContain("GitHub's secondary rate limit: waiting 3 s as it asks");
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 20);
    expect(github.requests.filter((request) => request.path === '/repos/example/delta')).toHaveLength(2);
    expect(read().projects.delta?.archived).toBe(true);
  });

  it('stops cleanly when the hourly limit is spent, says how many are left, and keeps the last file', async () => {
    await sync();
    const before = fs.readFileSync(file(), 'utf8');
    github.remaining = 0;
    github.limit = 60;
    const spent = await sync();
    expect(spent.code).toBe(2);
    expect(spent.stderr).toContain('GitHub API: 0 of 60 requests left this hour');
    expect(spent.stderr).toMatch(
      /sync stopped, .*github\.json left as it was: GitHub's rate limit is spent \(0 of 60 requests left\); it resets in \d+ min: set GITHUB_TOKEN/,
    );
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);

    // running out half-way is the same: nothing half-written
    fs.rmSync(file());
    github.remaining = 3;
    const halfway = await sync();
    expect(halfway.code).toBe(2);
    expect(fs.existsSync(file())).toBe(false);
    expect(fs.readdirSync(catalog.dir).filter((name) => name.includes('tmp'))).toEqual([]);
  });

  it('retries a server error, and when it persists keeps the previous file untouched', async () => {
    await sync();
    const before = fs.readFileSync(file(), 'utf8');
    github.fail({ path: '/repos/example/alpha', status: 502, message: 'Bad Gateway', times: 1 });
    expect((await sync()).code).toBe(0);
    expect(
      github.requests.filter((request) => request.path === '/repos/example/alpha').length,
    ).toBeGreaterThanOrEqual(3);

    github.fail({
      path: '/repos/example/delta',
      status: 500,
      message: 'Server Error',
      times: Number.POSITIVE_INFINITY,
    });
    const failed = await sync();
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('left as it was: Server Error (HTTP 500)');
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
  });

  it('shows a progress line on a terminal', async () => {
    const { stderr } = await sync([], {}, true);
    expect(stderr).toContain('\r\x1b[K[0/5] example/alpha');
    expect(stderr).toContain('\r\x1b[K[5/5] \n');
  });

  it('sends GITHUB_TOKEN as the authorization of every request', async () => {
    await sync([], { GITHUB_TOKEN: 'ghp_test_token' });
    expect(github.requests.length).toBeGreaterThan(0);
    expect(github.requests.every((request) => request.authorization === 'token ghp_test_token')).toBe(true);
  });

  it("with --docs, rebuilds doc-terms.json from each project's files and listed folders at its newest commit", async () => {
    const alpha = github.repositories.get('example/alpha');
    if (alpha)
      alpha.files = {
        'README.md': 'Alpha traces opensnoop style file opens. ![badge](https://x/b.svg)',
        'docs/usage.md': 'Use latency histograms.',
        'tools/filelife.py': '',
        'tools/vfsstat.py': '',
      };
    const stale = github.repositories.get('example/stale');
    if (stale) stale.files = { 'README.md': 'Stale counts packets dropped in the network stack.' };
    fs.writeFileSync(
      path.join(catalog.dir, 'doc-terms.json'),
      JSON.stringify({
        built: '2026-01-01',
        projects: {
          alpha: {
            repository: 'x',
            commit: 'old',
            paths: ['README.md', 'docs/usage.md', 'gone.md'],
            listed: ['tools/'],
            terms: {},
          },
          delta: { repository: 'x', commit: 'kept', paths: ['README.md'], listed: [], terms: { keep: 2 } },
        },
      }),
    );
    const { code, stdout } = await sync(['--docs']);
    expect(code).toBe(0);
    expect(stdout).toContain("projects' documentation written to");
    const { built, projects } = JSON.parse(fs.readFileSync(path.join(catalog.dir, 'doc-terms.json'), 'utf8'));
    expect(built).toBe('2026-12-01');
    expect(projects.alpha).toMatchObject({ paths: ['README.md', 'docs/usage.md'], listed: ['tools/'] });
    expect(projects.alpha.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(projects.alpha.terms)).toEqual(
      expect.arrayContaining(['opensnoop', 'filelif', 'vfsstat', 'histogram']),
    );
    expect(Object.keys(projects.stale.terms)).toContain('packet');
    expect(projects.delta.terms).toEqual({ keep: 2 }); // GitHub showed no README: the old terms stay
  });
});
