import { loadCatalog } from '../../src/catalog/load';
import { MAX_QUERY_CHARS, parseQuery, urlKey } from '../../src/search/query';
import { stem, terms, textTerms } from '../../src/search/tokens';
import { normalizeText } from '../../src/text/normalize';

describe('query normalisation', () => {
  it.each([
    ['What is Cilium?', 'cilium'],
    ['tell me about   BPF-Trace', 'bpftrace'],
    ['<@U0123ABC> what is kubectl trace?', 'kubectltrace'],
    ['ＣＩＬＩＵＭ', 'cilium'],
    ['什么是 Cilium？', 'cilium'],
    ['tetragon 是什么', 'tetragon'],
    ["what's falco", 'falco'],
  ])('reduces %j to the name %j', (input, compact) => {
    expect(parseQuery(input).compact).toBe(compact);
  });

  it('extracts pasted URLs, including Slack-formatted links', () => {
    expect(parseQuery('look at <https://github.com/cilium/pwru|github.com/cilium/pwru> please').urls).toEqual(
      ['github.com/cilium/pwru'],
    );
    expect(parseQuery('https://www.GitHub.com/iovisor/bcc.git').urls).toEqual(['github.com/iovisor/bcc']);
    expect(urlKey('https://cilium.io/blog/?x=1#top')).toBe('cilium.io/blog');
  });

  it('drops Slack control sequences so they never reach matching', () => {
    const query = parseQuery('<!channel> <#C123|general> hubble');
    expect(query.compact).toBe('hubble');
  });

  it('detects Chinese and cuts it into bigrams without particles', () => {
    expect(parseQuery('在用户态运行 eBPF').language).toBe('zh');
    expect(parseQuery('run ebpf in user space').language).toBe('en');
    expect(terms('抓取的明文')).toEqual(['抓取', '明文']);
  });

  it('stems English words so inflections meet', () => {
    expect(new Set(['trace', 'traces', 'tracing', 'traced'].map(stem)).size).toBe(1);
    expect(new Set(['profile', 'profiling', 'profiles'].map(stem)).size).toBe(1);
    expect(terms('what is the tool that traces packets')).toEqual(['trace', 'packet']);
    expect(terms('用 rust 写 ebpf 的库')).toEqual(['rust', stem('library')]);
  });

  it('cuts raw catalog text exactly as normalised text, fast path or not', () => {
    for (const entry of loadCatalog().entries) {
      for (const text of [
        entry.description.en,
        entry.summary.zh,
        entry.keywords.en.join(' ; '),
        entry.name,
      ]) {
        expect(textTerms(text)).toEqual(terms(normalizeText(text), 'index'));
      }
    }
  });

  it('bounds the work of a huge query', () => {
    const query = parseQuery('word '.repeat(2000));
    expect(query.raw.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(query.terms.length).toBeLessThanOrEqual(24);
  });
});
