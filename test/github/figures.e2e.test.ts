import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCatalog } from '../../src/catalog/load';
import { readConfig } from '../../src/config';
import { type GithubFile, serializeGithubFile } from '../../src/github/facts';
import { FakeGithub } from '../support/fake-github';
import { FakeSlack } from '../support/fake-slack';
import { slashCommand } from '../support/slack-requests';
import { startBot } from '../support/start-bot';
import { tempCatalog } from '../support/temp-catalog';
import { until } from '../support/wait';

/** GitHub figures reaching users: from a synced github.json, a hot reload, or the in-process refresh. */

jest.setTimeout(20_000);

let slack: FakeSlack;
let github: FakeGithub;
let catalog: ReturnType<typeof tempCatalog>;

beforeEach(async () => {
  slack = await new FakeSlack().start();
  github = await new FakeGithub().start();
  github.add({
    full_name: 'example/alpha',
    stars: 12_345,
    pushed_at: '2026-11-20T10:00:00Z',
    license: 'Apache-2.0',
    release: { tag: 'v1.4.0', published_at: '2026-11-10T09:00:00Z' },
  });
  github.add({ full_name: 'example/beta', stars: 800, pushed_at: '2026-10-01T00:00:00Z', license: 'MIT' });
  catalog = tempCatalog([
    {
      id: 'alpha',
      repository: 'https://github.com/example/alpha',
      license: 'Apache-2.0',
      extra: 'related: [beta]\n',
    },
    { id: 'beta', repository: 'https://github.com/example/beta', license: 'MIT' },
  ]);
});
afterEach(async () => {
  await Promise.all([slack.stop(), github.stop()]);
  catalog.remove();
});

const file = (synced: string, alphaStars: number): GithubFile => ({
  synced,
  projects: {
    alpha: {
      repository: 'example/alpha',
      full_name: 'example/alpha',
      stars: alphaStars,
      pushed_at: '2026-11-20T10:00:00Z',
      archived: false,
      avatar_url: 'https://avatars.example.test/example.png',
    },
  },
});

async function cardText(url: string, text: string): Promise<string> {
  const response = await slashCommand(url, text, slack.responseUrl());
  return JSON.stringify(response.json().blocks);
}

describe('GitHub figures on cards', () => {
  it('reads github.json with the catalog: its broken lines are named, and the newest of two files wins', () => {
    const data = path.join(catalog.dir, 'data-github.json');
    fs.writeFileSync(path.join(catalog.dir, 'github.json'), serializeGithubFile(file('2026-11-01', 100)));
    fs.writeFileSync(data, serializeGithubFile(file('2026-12-01', 200)));
    expect(readCatalog(catalog.dir, { githubFiles: [data] }).entries[0]?.github).toMatchObject({
      stars: 200,
      synced: '2026-12-01',
    });
    fs.writeFileSync(data, serializeGithubFile(file('2026-10-01', 300)));
    expect(readCatalog(catalog.dir, { githubFiles: [data] }).entries[0]?.github?.stars).toBe(100);

    fs.writeFileSync(
      data,
      serializeGithubFile(file('2026-12-01', 200)).replace('"stars": 200', '"stars": "many"'),
    );
    const { issues } = readCatalog(catalog.dir, { githubFiles: [data] });
    expect(issues).toEqual([
      expect.objectContaining({
        file: data,
        line: 9,
        column: 7,
        field: 'projects.alpha.stars',
        message: 'must be a whole number',
      }),
    ]);
    fs.writeFileSync(data, '{"synced": "2026-12-01", "projects": {');
    expect(readCatalog(catalog.dir, { githubFiles: [data] }).issues[0]).toMatchObject({
      file: data,
      line: 1,
      field: '(file)',
    });
  });

  it('picks up a new github.json in the catalog folder while serving, like any catalog change', async () => {
    const bot = await startBot(slack, { catalogDir: catalog.dir });
    try {
      expect(await cardText(bot.url, 'alpha')).not.toContain('⭐');
      fs.writeFileSync(path.join(catalog.dir, 'github.json'), serializeGithubFile(file('2026-12-01', 4321)));
      await until(async () => (await cardText(bot.url, 'alpha')).includes('⭐ 4.3k stars'));
      expect(await cardText(bot.url, 'alpha')).toContain(
        '"image_url":"https://avatars.example.test/example.png"',
      );
      expect(await cardText(bot.url, 'list tracing by stars')).toContain('⭐ 4.3k');
    } finally {
      await bot.stop();
    }
  });

  it('refreshes in process into DATA_DIR, never into the catalog folder, and serves the new figures', async () => {
    const bot = await startBot(slack, {
      catalogDir: catalog.dir,
      github: { refreshHours: 24, apiUrl: github.url },
    });
    try {
      expect(bot.bot.refresh).toBeDefined();
      await bot.bot.refresh?.refresh();
      expect(fs.existsSync(path.join(catalog.dir, 'github.json'))).toBe(false);
      const written = JSON.parse(
        fs.readFileSync(path.join(bot.dataDir, 'github.json'), 'utf8'),
      ) as GithubFile;
      expect(Object.keys(written.projects)).toEqual(['alpha', 'beta']);
      const text = await cardText(bot.url, 'alpha');
      expect(text).toContain('⭐ 12.3k stars · last release v1.4.0');
      expect(await cardText(bot.url, 'potd')).toMatch(/⭐ (12\.3k|800) stars/);

      // the next refresh asks with the ETags of the figures it serves: nothing changed, nothing spent
      const remaining = github.remaining;
      github.requests.length = 0;
      await bot.bot.refresh?.refresh();
      expect(github.resourceRequests.filter((request) => request.status === 200)).toEqual([]);
      expect(github.remaining).toBe(
        remaining - github.resourceRequests.filter((r) => r.status !== 304).length,
      );

      // GitHub failing: logged, counted, and the figures stay
      github.fail({ path: '/repos/example/alpha', status: 404, message: 'x', times: 0 });
      github.remaining = 0;
      await bot.bot.refresh?.refresh();
      expect(bot.logLines.some((line) => line.includes('GitHub refresh failed, the last figures stay'))).toBe(
        true,
      );
      expect(await cardText(bot.url, 'alpha')).toContain('⭐ 12.3k stars');
      const metrics = await (await fetch(bot.url.replace('/slack/events', '/metrics'))).text();
      expect(metrics).toMatch(/ebpf_bot_github_refreshes_total\{outcome="ok"\} 2/);
      expect(metrics).toMatch(/ebpf_bot_github_refreshes_total\{outcome="failed"\} 1/);
    } finally {
      await bot.stop();
    }
  });

  it('reads the refresh settings, refusing a nonsense interval', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(readConfig({ ...env, GITHUB_REFRESH_HOURS: '24', GITHUB_TOKEN: 'ghp_x' }).github).toEqual({
      refreshHours: 24,
      token: 'ghp_x',
    });
    expect(readConfig(env).github).toEqual({});
    expect(() => readConfig({ ...env, GITHUB_REFRESH_HOURS: '0' })).toThrow(
      /GITHUB_REFRESH_HOURS must be a number of hours above 0/,
    );
    expect(() => readConfig({ ...env, GITHUB_API_URL: 'ftp://x' })).toThrow(
      /GITHUB_API_URL must be an http\(s\) base URL/,
    );
  });
});
