import fc from 'fast-check';
import { findProject, type ProjectOutputs } from '../../src/answer/find-project';
import { STEP_ERRORS } from '../../src/blocks/strings';
import { loadCatalog } from '../../src/catalog/load';
import { createSearch } from '../../src/search/search';
import { hostileText } from '../support/hostile-text';

/** The "Find an eBPF project" workflow step's input to its outputs or error, on the bundled catalog. */

const catalog = loadCatalog();
const search = createSearch(catalog.entries, catalog.notEbpf);
const find = (input: unknown) => findProject(input, search);
const outputs = (input: unknown): ProjectOutputs => {
  const result = find(input);
  if (!('outputs' in result)) throw new Error(`no outputs for ${JSON.stringify(input)}: ${result.error}`);
  return result.outputs;
};

describe('the workflow step', () => {
  it('gives a named project its English name, repository and one-line summary', () => {
    expect(outputs('cilium')).toEqual({
      name: 'Cilium',
      repository_url: 'https://github.com/cilium/cilium',
      summary: catalog.byId.get('cilium')?.summary.en,
      confidence: 'exact',
    });
    expect(outputs('https://github.com/cilium/pwru')).toMatchObject({ name: 'pwru', confidence: 'exact' });
    expect(outputs('cillium')).toMatchObject({ name: 'Cilium', confidence: 'strong' });
    expect(outputs('has anyone tried tetragon for runtime security?')).toMatchObject({
      name: 'Tetragon',
      repository_url: 'https://github.com/cilium/tetragon',
      confidence: 'strong',
    });
  });

  it('answers Chinese questions in English, since later steps expect one language', () => {
    const ecapture = outputs('介绍一下 eCapture');
    expect(ecapture).toMatchObject({ name: 'eCapture', confidence: 'exact' });
    expect(ecapture.summary).toBe(catalog.byId.get('ecapture')?.summary.en);
  });

  it('gives the closest project of a question with no sure match, saying it is weak', () => {
    expect(outputs('trace packets through the kernel')).toMatchObject({ name: 'pwru', confidence: 'weak' });
    expect(outputs('抓取 HTTPS 明文')).toMatchObject({ name: 'eCapture', confidence: 'weak' });
  });

  it('outputs plain text on one line, whatever the catalog entry', () => {
    for (const entry of catalog.entries) {
      const { name, repository_url: url, summary } = outputs(entry.name);
      expect(name).toBe(entry.name);
      expect(url).toBe(entry.repository);
      expect(url).toMatch(/^https:\/\/\S+$/);
      expect(summary).not.toMatch(/\n|<|>|\s{2}/);
    }
  });

  it('fails an empty input, whatever it is made of', () => {
    for (const input of ['', '   \n\t', undefined, null, 42, { question: 'cilium' }])
      expect(find(input)).toEqual({ error: STEP_ERRORS.empty });
  });

  it('says kindly what is not an eBPF project, and which ones to try', () => {
    expect(find('redis')).toEqual({
      error:
        'redis is not an eBPF project. Redis is an in-memory key-value store; eBPF tools can show each command and where its latency goes, with no proxy and no client changes. Try Kyanos, Coroot or DeepFlow instead.',
    });
    expect(find('dtrace')).toEqual({
      error: expect.stringMatching(/^dtrace is not an eBPF project\..* Try bpftrace/),
    });
    expect(find('redis 怎么监控')).toEqual({
      error: expect.stringMatching(/^redis is not an eBPF project\./),
    });
  });

  it('fails off-topic questions, unknown names and comparisons with what to give instead', () => {
    expect(find('how do I set up a VPN on my mac')).toEqual({ error: STEP_ERRORS.offTopic });
    expect(find('bpf frobnicator')).toEqual({ error: STEP_ERRORS.noMatch('bpfman') });
    expect(find('cilium vs calico')).toEqual({ error: STEP_ERRORS.compared('Cilium and Calico') });
    expect(find('Falco 和 Tetragon 有什么区别')).toEqual({
      error: STEP_ERRORS.compared('Falco and Tetragon'),
    });
  });

  it('reads a huge input as its start, as every query is read', () => {
    expect(outputs(`cilium ${'x'.repeat(100_000)}`)).toMatchObject({ name: 'Cilium' });
    expect(find(`${' '.repeat(100_000)}redis`)).toMatchObject({
      error: expect.stringMatching(/^redis is not/),
    });
  });

  it('never gives back the text it was given: outputs come from the catalog, errors from our sentences', () => {
    const ours = new Set(
      catalog.entries.flatMap((entry) => [entry.name, entry.repository, entry.summary.en]),
    );
    fc.assert(
      fc.property(hostileText(500), (text) => {
        const result = find(text);
        const said = 'outputs' in result ? Object.values(result.outputs) : [result.error];
        for (const value of said) {
          expect(value.isWellFormed()).toBe(true);
          expect(value).not.toMatch(/<[!@#]/);
        }
        if ('outputs' in result) {
          const { name, repository_url: url, summary } = result.outputs;
          expect([name, url, summary].every((value) => ours.has(value))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
