import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import schema from '../../catalog/schema.json';
import { CATEGORIES } from '../../src/catalog/categories';
import { CatalogLoadError, formatIssue, loadCatalog, readCatalog } from '../../src/catalog/load';

const fixtures = path.join(__dirname, '../fixtures/catalogs');
const problems = (name: string) => readCatalog(path.join(fixtures, name)).issues.map(formatIssue);

describe('catalog loader', () => {
  it('loads a valid catalog as frozen, typed entries with defaults filled in', () => {
    const catalog = loadCatalog(path.join(fixtures, 'valid'));
    expect(catalog.entries.map((entry) => entry.id)).toEqual(['alpha', 'beta']);
    const alpha = catalog.byId.get('alpha');
    expect(alpha?.related).toEqual(['beta']);
    expect(Object.isFrozen(alpha)).toBe(true);
    expect(Object.isFrozen(alpha?.keywords.en)).toBe(true);
    expect(() => {
      (alpha as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('keeps the category labels in step with the schema', () => {
    expect([...CATEGORIES].sort()).toEqual([...schema.properties.category.enum].sort());
  });

  it.each([
    ['yaml-syntax', /beta\.yaml:4:1: \(yaml\): invalid YAML: Flow sequence/],
    ['missing-field', /alpha\.yaml:1:1: summary: is required but missing$/],
    ['wrong-type', /alpha\.yaml:15:12: languages: must be a list, not string "Go"$/],
    [
      'duplicate-alias',
      /beta\.yaml:3:11: aliases\[0\]: "Shared Name" is already claimed by .*alpha\.yaml \("shared-name"\)/,
    ],
    ['unknown-related', /alpha\.yaml:17:11: related\[0\]: unknown project id "gamma"/],
    [
      'http-url',
      /alpha\.yaml:14:13: repository: string "http:\/\/github.com\/example\/alpha" is not valid; expected: An https:\/\/ URL/,
    ],
  ])('reports %s with file, line, column and field', (fixture, expected) => {
    const found = problems(fixture);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it('throws one error listing every problem when loading for serving', () => {
    expect(() => loadCatalog(path.join(fixtures, 'yaml-syntax'))).toThrow(CatalogLoadError);
    try {
      loadCatalog(path.join(fixtures, 'duplicate-alias'));
    } catch (error) {
      expect((error as CatalogLoadError).issues).toHaveLength(1);
      expect((error as Error).message).toContain('already claimed');
    }
  });

  describe('hostile files', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
      fs.mkdirSync(path.join(dir, 'projects'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, 'projects', name), text);

    it('rejects an alias explosion ("billion laughs") quickly', () => {
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
      }
      write('laughs.yaml', `${levels.join('\n')}\n`);
      const started = process.hrtime.bigint();
      const [issue] = readCatalog(dir).issues;
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
      expect(issue?.message).toMatch(/cannot be read: .*alias/i);
    });

    it('rejects a huge file without parsing it', () => {
      write('huge.yaml', `id: huge\ndescription: "${'x'.repeat(200_000)}"\n`);
      expect(readCatalog(dir).issues.map(formatIssue)).toEqual([
        expect.stringMatching(
          /huge\.yaml:1:1: \(yaml\): file is 200\d+ bytes; it may be at most 65536 bytes/,
        ),
      ]);
    });

    it('rejects deep nesting with a clear error', () => {
      write('deep.yaml', `id: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
      const [issue] = readCatalog(dir).issues;
      expect(issue?.file).toMatch(/deep\.yaml$/);
    });

    it('skips what is not an entry file with a reason, reports an empty folder, and ignores hidden files', () => {
      write('.alpha.yaml.swp', 'editor state');
      write('notes.txt', 'hello');
      fs.mkdirSync(path.join(dir, 'projects', 'folder.yaml'));
      fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'projects', 'dangling.yaml'));
      const report = readCatalog(dir);
      expect(report.skipped.map(({ file, reason }) => `${path.basename(file)}: ${reason}`)).toEqual([
        'dangling.yaml: a link to nothing',
        'folder.yaml: a folder',
        'notes.txt: not an entry: entries are <id>.yaml files',
      ]);
      expect(report.issues.map((issue) => issue.message)).toEqual(['no entries: add <id>.yaml files']);
      expect(readCatalog(path.join(dir, 'missing')).issues.map((issue) => issue.message)).toEqual([
        'folder not found',
      ]);
    });

    it('names a file whose id differs from its name', () => {
      fs.copyFileSync(
        path.join(fixtures, 'valid/projects/alpha.yaml'),
        path.join(dir, 'projects', 'other.yaml'),
      );
      expect(readCatalog(dir).issues.map(formatIssue)).toEqual([
        expect.stringMatching(/other\.yaml:1:5: id: "alpha" does not match the file name; use id: other$/),
        expect.stringMatching(/related\[0\]: unknown project id "beta"/),
      ]);
    });
  });
});
