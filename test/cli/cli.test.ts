import * as path from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';

async function run(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdin: Readable.from([stdin]),
  });
  return { code, stdout, stderr };
}

const fixtures = path.join(__dirname, '../fixtures/catalogs');

describe('ebpf-bot CLI', () => {
  it('validates the bundled catalog with a one-line count', async () => {
    const { code, stdout } = await run(['catalog', 'validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(\d+) valid entries in .*catalog\n$/);
    expect(Number(/^(\d+)/.exec(stdout)?.[1])).toBeGreaterThanOrEqual(61);
  });

  it('lists every problem of a broken catalog, one per line, and exits 1', async () => {
    const { code, stdout } = await run(['catalog', 'validate', path.join(fixtures, 'yaml-syntax')]);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/beta\.yaml:4:1: \(yaml\): invalid YAML/),
    ]);
  });

  it('prints the catalog as one JSON array with the schema field names', async () => {
    const { code, stdout } = await run(['catalog', 'list', '--json']);
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Record<string, unknown>[];
    expect(entries.find((entry) => entry.id === 'cilium')).toMatchObject({
      name: 'Cilium',
      repository: 'https://github.com/cilium/cilium',
      summary: { en: expect.any(String), zh: expect.any(String) },
    });
  });

  it('answers a search as JSON with id, name and repo', async () => {
    const { code, stdout } = await run(['search', '--json', '--limit', '2', 'what', 'is', 'cillium?']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.query).toBe('what is cillium?');
    expect(answer.results[0]).toEqual({
      id: 'cilium',
      name: 'Cilium',
      repo: 'https://github.com/cilium/cilium',
      score: expect.any(Number),
      confidence: 'strong',
    });
    expect(answer.results.length).toBeLessThanOrEqual(2);
  });

  it('answers every stdin line in batch mode, in order, empty lines included', async () => {
    const input = ['cilium', '', '   ', 'asdfgh', 'tetragon'].join('\n');
    const { code, stdout } = await run(['search', '--json', '--batch'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.query)).toEqual(['cilium', '', '   ', 'asdfgh', 'tetragon']);
    expect(lines.map((line) => line.results[0]?.id ?? null)).toEqual([
      'cilium',
      null,
      null,
      null,
      'tetragon',
    ]);
  });

  it('explains usage mistakes with exit code 2', async () => {
    for (const args of [['search'], ['search', '--limit', 'x', 'q'], ['frobnicate'], ['search', '--batch']]) {
      const { code, stderr } = await run(args);
      expect([args, code]).toEqual([args, 2]);
      expect(stderr).toContain('Usage:');
    }
  });
});
