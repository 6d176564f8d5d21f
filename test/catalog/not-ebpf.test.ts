import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatIssue, loadCatalog, readCatalog } from '../../src/catalog/load';
import { NOT_EBPF_FILE } from '../../src/catalog/not-ebpf';

const valid = path.join(__dirname, '../fixtures/catalogs/valid');

/** A copy of the valid fixture catalog with this not-ebpf.yaml beside its projects. */
function catalogWith(notEbpf: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'not-ebpf-'));
  fs.cpSync(valid, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, NOT_EBPF_FILE), notEbpf);
  return dir;
}

const record = (names: string, offer: string) => `- names: [${names}]
  kind: tracer
  what:
    en: "A classic tracer that is not an eBPF project."
    zh: "一个经典的追踪工具，不是 eBPF 项目。"
  offer: [${offer}]
`;

describe('not-ebpf.yaml', () => {
  it('is optional, and loaded frozen beside the entries when present', () => {
    expect(loadCatalog(valid).notEbpf).toEqual([]);
    const catalog = loadCatalog(catalogWith(record('dtrace, solaris dtrace', 'alpha')));
    expect(catalog.notEbpf.map((other) => other.names)).toEqual([['dtrace', 'solaris dtrace']]);
    expect(Object.isFrozen(catalog.notEbpf[0])).toBe(true);
  });

  it('names the file, line and field of every problem', () => {
    const dir = catalogWith(`${record('dtrace', 'alpha, gamma')}${record('alpha tool, dtrace', 'beta')}`);
    const file = path.join(dir, NOT_EBPF_FILE);
    expect(readCatalog(dir).issues.map(formatIssue)).toEqual([
      `${file}:6:18: [0].offer[1]: "gamma" is not a catalog entry`,
      `${file}:7:11: [1].names[0]: "alpha tool" names the catalog project alpha`,
      `${file}:7:23: [1].names[1]: "dtrace" is listed twice`,
    ]);
  });

  it('checks records against their schema', () => {
    const dir = catalogWith(record('DTrace', 'alpha').replace('kind: tracer', 'kind: tracing'));
    const messages = readCatalog(dir).issues.map(formatIssue).join('\n');
    expect(messages).toMatch(/not-ebpf\.yaml:1:11: \[0\]\.names\[0\]: string "DTrace" is not valid/);
    expect(messages).toMatch(/not-ebpf\.yaml:2:9: \[0\]\.kind: string "tracing" is not allowed/);
  });

  it('in the bundled catalog, never shadows a project and offers only cataloged projects', () => {
    const catalog = loadCatalog();
    expect(catalog.notEbpf.length).toBeGreaterThanOrEqual(100);
    const kinds = new Set(catalog.notEbpf.map((other) => other.kind));
    for (const kind of ['database', 'tracer', 'proxy', 'company', 'observability-vendor'])
      expect(kinds).toContain(kind);
  });
});
