import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { prominenceScore } from '../../src/search/prominence';
import { fittedWeights, RANKER_FEATURES } from '../../src/search/ranker';
import { crossValidate, fitRanker, type RankingExample, topOneShare } from '../../src/search/train-ranker';

describe('prominence', () => {
  it('grows with each fact that makes a project the one experts name first, up to 1', () => {
    const none = prominenceScore({ checked: '2026-12-05', kernel_tree: false });
    const listed = prominenceScore({ checked: '2026-12-05', kernel_tree: false, ebpf_io: 'listed' });
    const major = prominenceScore({
      checked: '2026-12-05',
      kernel_tree: false,
      ebpf_io: 'major',
      debian: ['bpftrace'],
      stars: 10_000,
    });
    expect(none).toBe(0);
    expect(listed).toBeGreaterThan(none);
    expect(major).toBeGreaterThan(listed);
    expect(
      prominenceScore({
        checked: '2026-12-05',
        kernel_tree: true,
        debian: ['x'],
        cncf: 'graduated',
        ebpf_io: 'major',
        stars: 1e6,
      }),
    ).toBe(1);
    expect(
      prominenceScore({
        checked: '2026-12-05',
        kernel_tree: false,
        cncf: 'graduated',
        cncf_parent: 'cilium',
      }),
    ).toBeLessThan(prominenceScore({ checked: '2026-12-05', kernel_tree: false, cncf: 'graduated' }));
  });
});

describe('the learned ranker', () => {
  // The right candidate is the one with the larger second feature, whatever the first says.
  const examples: RankingExample[] = Array.from({ length: 20 }, (_, i) => ({
    candidates: [
      [1, (i % 3) / 10],
      [0.5, 0.5 + (i % 3) / 10],
    ],
    right: [false, true],
  }));

  it('learns which feature tells right from wrong, the same weights every time', () => {
    const weights = fitRanker(examples, 2);
    expect(weights[1]).toBeGreaterThan(weights[0] as number);
    expect(topOneShare(examples, weights)).toBe(1);
    expect(fitRanker(examples, 2)).toEqual(weights);
    expect(topOneShare(examples, [1, 0])).toBe(0);
    expect(crossValidate(examples, 2, { lambda: 0.01, epochs: 200, rate: 0.05 })).toBe(1);
  });

  it('ships weights for exactly the features the code computes', () => {
    expect(fittedWeights()).toHaveLength(RANKER_FEATURES.length);
  });

  it('ships the weights `npm run train` fits from the repository data', async () => {
    let out = '';
    const code = await runCli(['train', '--check'], {
      stdout: (text) => {
        out += text;
      },
      stderr: () => {},
      stdin: Readable.from([]),
    });
    expect(out).toContain('ranker-weights.json is up to date');
    expect(out).toContain('glossary.json is up to date');
    expect(code).toBe(0);
  }, 60_000);
});
