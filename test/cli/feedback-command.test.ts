import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { SQLITE_FILE, SqliteStore } from '../../src/store/sqlite-store';
import { feedbackRecord } from '../support/feedback-record';
import { tempDataDir } from '../support/start-bot';

async function run(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdin: Readable.from([]),
    },
    { env, tty: false, now: () => new Date() },
  );
  return { code, stdout, stderr };
}

describe('ebpf-bot feedback export', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dataDir = tempDataDir();
    // the settings of a one-workspace bot keeping its state in SQLite under DATA_DIR
    env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATA_DIR: dataDir };
    const store = new SqliteStore(dataDir);
    await store.saveFeedback(feedbackRecord('k1', '2026-01-01T23:59:59Z'));
    await store.saveFeedback(
      feedbackRecord('k2', '2026-01-02T00:00:00Z', {
        outcome: 'not_helpful',
        kind: 'shortlist',
        language: 'zh',
        ids: ['pwru', 'retis'],
        terms: ['丢包', '内核'],
      }),
    );
    await store.saveFeedback(
      feedbackRecord('k3', '2026-01-05T08:00:00Z', { installation: 'T:T2', kind: 'off_topic', ids: [] }),
    );
    await store.close();
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes every stored click as a JSON line, oldest first, with what was shown and nothing of who', async () => {
    const { code, stdout } = await run(['feedback', 'export'], env);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1] as string)).toEqual({
      at: '2026-01-02T00:00:00.000Z',
      installation: 'default',
      outcome: 'not_helpful',
      kind: 'shortlist',
      language: 'zh',
      ids: ['pwru', 'retis'],
      terms: ['丢包', '内核'],
    });
    for (const line of lines)
      expect(Object.keys(JSON.parse(line))).toEqual([
        'at',
        'installation',
        'outcome',
        'kind',
        'language',
        'ids',
        'terms',
      ]);
    expect(lines.map((line) => JSON.parse(line).installation)).toEqual(['default', 'default', 'T:T2']);
  });

  it('with --since, starts at that UTC day', async () => {
    const { code, stdout } = await run(['feedback', 'export', '--since', '2026-01-02'], env);
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).at),
    ).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-05T08:00:00.000Z']);
    expect((await run(['feedback', 'export', '--since=2026-01-06'], env)).stdout).toBe('');
  });

  it.each([
    [
      ['feedback', 'export', '--since', 'yesterday'],
      /--since takes a date such as 2026-01-31 \(got "yesterday"\)/,
    ],
    [['feedback', 'export', '--since', '2026-02-30'], /got "2026-02-30"/],
    [['feedback', 'export', '--since', '2026-1-2'], /got "2026-1-2"/],
    [['feedback', 'export', '--since'], /argument missing/],
    [['feedback', 'export', '--user', 'U1'], /Unknown option '--user'/],
    [['feedback', 'export', 'now'], /Unexpected argument 'now'/],
    [['feedback', 'import'], /unknown feedback command "import"/],
    [['feedback'], /feedback takes a command: export/],
  ])('%j is a usage error: exit 2, the usage, nothing written', async (args, message) => {
    const { code, stdout, stderr } = await run(args, env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('ebpf-bot feedback export [--since YYYY-MM-DD]');
    expect(stdout).toBe('');
  });

  it("needs the bot's settings, and does not create a store where there is none", async () => {
    await expect(run(['feedback', 'export'], { DATA_DIR: dataDir })).rejects.toThrow(
      /run it with the bot's settings/,
    );
    const elsewhere = path.join(dataDir, 'elsewhere');
    await expect(run(['feedback', 'export'], { ...env, DATA_DIR: elsewhere })).rejects.toThrow(
      `there is no store at ${path.join(elsewhere, SQLITE_FILE)}`,
    );
    expect(fs.existsSync(elsewhere)).toBe(false);
  });
});
