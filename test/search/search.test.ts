import { loadCatalog } from '../../src/catalog/load';
import { createSearch } from '../../src/search/search';
import seeds from '../fixtures/seed-projects.json';

const catalog = loadCatalog();
const { search } = createSearch(catalog.entries);
const top = (query: string) => search(query).results[0];

describe('search layers', () => {
  it('finds every project by its name, id and each alias, exactly', () => {
    for (const entry of catalog.entries) {
      for (const name of [entry.name, entry.id, ...entry.aliases]) {
        const first = top(name);
        expect([name, first?.entry.id, first?.confidence]).toEqual([name, entry.id, 'exact']);
      }
    }
  });

  it.each(seeds.projects as [string, string][])('finds the survey heading %j first', (heading, id) => {
    expect(top(heading)?.entry.id).toBe(id);
  });

  it('resolves repository, homepage and deep links', () => {
    expect(top('https://github.com/cilium/tetragon/blob/main/README.md')?.entry.id).toBe('tetragon');
    expect(top('iovisor/bcc')?.entry.id).toBe('bcc');
    expect(top('https://crates.io/crates/aya')?.entry.id).toBe('aya');
    const pasted = search('<https://github.com/gojue/ecapture/releases|releases>');
    expect(pasted.results.map((r) => [r.entry.id, r.confidence])).toEqual([['ecapture', 'exact']]);
  });

  it('lets a one or two letter typo of a short name win, as a strong match', () => {
    for (const [typo, id] of [
      ['cillium', 'cilium'],
      ['pwur', 'pwru'],
      ['tetragone', 'tetragon'],
      ['bpftrcae', 'bpftrace'],
    ]) {
      expect([typo, top(typo as string)?.entry.id, top(typo as string)?.confidence]).toEqual([
        typo,
        id,
        'strong',
      ]);
    }
  });

  it('takes a word one slip from a name (a letter added, dropped, changed or swapped) as that name', () => {
    for (const [question, id] of [
      ['loxlib', 'loxilb'],
      ['falko rules for detecting a shell in a container', 'falco'],
      ['deeplfow 部署要求', 'deepflow'],
      ['libpbf 的 co-re 怎么用', 'libbpf'],
      ['ecaputre 抓 https 明文', 'ecapture'],
    ]) {
      const first = top(question as string);
      expect([question, first?.entry.id, first?.confidence]).toEqual([question, id, 'strong']);
    }
    // Words the catalog uses are words, even one letter from a name: "parse" is no typo of Parca.
    expect(top('parse')?.entry.id).not.toBe('parca');
  });

  it('answers capability questions in English and Chinese', () => {
    expect(top('capture tls plaintext without a ca cert')?.entry.id).toBe('ecapture');
    expect(top('抓取 HTTPS 明文')?.entry.id).toBe('ecapture');
    expect(['bpftime', 'ubpf', 'rbpf']).toContain(top('在用户态运行 eBPF')?.entry.id);
  });

  it('treats a name inside a question as the answer unless the rest points elsewhere', () => {
    expect(top('how do i install bpftrace on ubuntu')?.entry.id).toBe('bpftrace');
    const both = search('hubble vs cilium').results.slice(0, 2);
    expect(both.map((r) => r.entry.id).sort()).toEqual(['cilium', 'hubble']);
  });

  it('takes a name as context, not the answer, in "like X but", "X alternative", "instead of X"', () => {
    for (const question of [
      'something like falco but that can also block the syscall',
      'bcc alternative for writing tools in go',
      'what can i use instead of tcpdump to see which process sent a packet',
      '类似 falco 但是能直接阻断的工具',
    ]) {
      const named = search(question).results.find((r) => ['falco', 'bcc'].includes(r.entry.id));
      expect([question, named?.confidence ?? 'none']).not.toEqual([question, 'strong']);
    }
    expect(top('what is falco for')?.entry.id).toBe('falco');
    expect(top('what is falco for')?.confidence).not.toBe('weak');
  });

  it('tells questions about other things from questions about its subjects', () => {
    for (const offTopic of ['how do I set up a VPN on my mac', 'how to center a div', '周末去哪里吃饭'])
      expect([offTopic, search(offTopic).onTopic]).toEqual([offTopic, false]);
    for (const onTopic of ['where was my packet dropped', 'trace syscalls of a container', '抓取 HTTPS 明文'])
      expect([onTopic, search(onTopic).onTopic]).toEqual([onTopic, true]);
  });

  it('returns nothing for nonsense, with suggestions only for near misses', () => {
    for (const nonsense of ['asdfgh', 'react', 'postgres operator', '', '   ', '🙂🙂', '\u0000\u0007']) {
      const { results } = search(nonsense);
      expect([nonsense, results.filter((r) => r.confidence !== 'weak')]).toEqual([nonsense, []]);
    }
    // a near miss too far off to be a result is still offered as a suggestion; a sentence is not
    expect(search('cilxyz')).toMatchObject({
      results: [],
      suggestions: [expect.objectContaining({ id: 'cilium' })],
    });
    expect(search('ciliun mesh operator thing').suggestions).toEqual([]);
    expect(search('bpftoop').results[0]?.entry.id).toMatch(/^bpfto(p|ol)$/);
  });

  it('orders by confidence, then score, and honours the limit', () => {
    const { results } = search('kubernetes network observability', { limit: 3 });
    expect(results.length).toBeLessThanOrEqual(3);
    const rank = { exact: 3, strong: 2, weak: 1 };
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1], results[i]];
      if (!a || !b) continue;
      expect(rank[a.confidence] * 10 + a.score).toBeGreaterThanOrEqual(rank[b.confidence] * 10 + b.score);
    }
  });

  it('never throws and stays bounded on hostile strings', () => {
    const hostile = [
      'x'.repeat(100_000),
      '\uD800\uDC00\uD800',
      '\u202Ecilium\u202C',
      '<!channel> <@U123> &amp; <script>',
      '中文'.repeat(3000),
      'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(50),
    ];
    for (const text of hostile) expect(() => search(text)).not.toThrow();
    expect(() => search(undefined as unknown as string)).not.toThrow();
  });
});
