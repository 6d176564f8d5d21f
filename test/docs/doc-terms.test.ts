import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadCatalog, readCatalog } from '../../src/catalog/load';
import { buildDocTerms, listedName, type ProjectDocs, plainText } from '../../src/docs/doc-terms';
import { DOC_TERMS_FILE } from '../../src/docs/doc-terms-file';
import { readDocsFolder } from '../../src/docs/docs-folder';
import { DocIndex } from '../../src/search/doc-index';

const project = (id: string, text: string, names: string[] = []): ProjectDocs => ({
  id,
  repository: `https://github.com/example/${id}`,
  commit: 'a'.repeat(40),
  paths: ['README.md'],
  listed: names.length > 0 ? ['tools/'] : [],
  texts: [text],
  names,
});

describe("terms of a project's own documentation", () => {
  const docs = [
    project('alpha', 'Trace every file open. Trace latency. ![badge](https://x/y.svg) 0x7fff 2024-05-01', [
      'opensnoop.py',
      'biolatency.py',
    ]),
    project('beta', 'Trace packets through the network stack and find drops.'),
    project('gamma', 'Trace scheduler latency of every thread.'),
  ];
  const built = buildDocTerms(docs);

  it('keeps what sets a project apart, listed tools first, and no numbers, links or addresses', () => {
    const alpha = built.alpha?.terms ?? {};
    expect(alpha.opensnoop).toBe(3);
    expect(alpha.biolat).toBeGreaterThanOrEqual(1);
    expect(alpha.trace ?? 0).toBeLessThan(alpha.opensnoop as number); // every project says it
    expect(Object.keys(alpha).some((term) => /0x|svg|2024/.test(term))).toBe(false);
    expect(Object.keys(built.beta?.terms ?? {})).toContain('packet');
    expect(built.alpha).toMatchObject({ commit: 'a'.repeat(40), paths: ['README.md'], listed: ['tools/'] });
  });

  it('is the same every time: ties go by term', () => {
    expect(JSON.stringify(buildDocTerms(docs))).toBe(JSON.stringify(built));
  });

  it('reads markup and listings as words', () => {
    expect(plainText('see [the docs](https://example.com) <b>now</b>')).not.toMatch(/example|<b>/);
    expect(listedName('trace_open/')).toBe('trace open');
    expect(listedName('opensnoop.bt')).toBe('opensnoop');
  });

  it('reads gathered documentation from a folder of SOURCE.json files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-'));
    fs.mkdirSync(path.join(dir, 'alpha'));
    fs.writeFileSync(path.join(dir, 'alpha', 'README.md'), 'Trace file opens');
    fs.writeFileSync(path.join(dir, 'alpha', 'tools.txt'), 'opensnoop.py\nexecsnoop.py\n');
    fs.writeFileSync(
      path.join(dir, 'alpha', 'SOURCE.json'),
      JSON.stringify({
        repository: 'https://github.com/e/a',
        commit: 'b'.repeat(40),
        paths: ['README.md'],
        listing: { 'tools/': 'tools.txt' },
      }),
    );
    expect(readDocsFolder(dir)).toEqual([
      expect.objectContaining({
        id: 'alpha',
        texts: ['Trace file opens'],
        names: ['opensnoop.py', 'execsnoop.py'],
      }),
    ]);
  });

  it('are loaded with the bundled catalog and scored for a question', () => {
    const { entries } = loadCatalog();
    const bcc = entries.findIndex((entry) => entry.id === 'bcc');
    expect(entries[bcc]?.doc_terms?.opensnoop).toBeGreaterThanOrEqual(1);
    const index = new DocIndex(entries);
    const cilium = entries.findIndex((entry) => entry.id === 'cilium');
    expect(index.scores(['opensnoop'], [cilium, bcc])).toEqual([0, 1]);
  });

  it('a broken doc-terms.json is a problem naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
    fs.cpSync(path.join(__dirname, '../fixtures/catalogs/valid'), dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, DOC_TERMS_FILE),
      '{"projects": {"alpha": {"commit": "x", "terms": {"a": 7}}}}',
    );
    expect(readCatalog(dir).issues.map((issue) => `${path.basename(issue.file)}: ${issue.message}`)).toEqual([
      'doc-terms.json: "alpha" needs a commit and terms weighted 1, 2 or 3',
    ]);
  });
});
