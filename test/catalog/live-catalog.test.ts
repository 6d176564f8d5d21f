import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogLevel } from '@slack/bolt';
import { LiveCatalog } from '../../src/catalog/live-catalog';
import { loadCatalog, readCatalog } from '../../src/catalog/load';
import type { Catalog } from '../../src/catalog/types';
import { createJsonLogger } from '../../src/logger';
import { tempCatalog } from '../support/temp-catalog';
import { until } from '../support/wait';

/**
 * Hot reload against what a clumsy operator or a Kubernetes ConfigMap does to the folder on disk: the
 * watcher never throws, skips what is not an entry, and follows the folder when it is replaced.
 */

jest.setTimeout(20_000);

const entries = [
  { id: 'alpha', repository: 'https://github.com/example/alpha' },
  { id: 'beta', repository: 'https://github.com/example/beta' },
];

function watched(dir: string) {
  const lines: string[] = [];
  let catalog: Catalog = loadCatalog(dir);
  const live = new LiveCatalog(
    dir,
    {
      logger: createJsonLogger(LogLevel.DEBUG, [], (line) => lines.push(JSON.parse(line).msg)),
      onLoad: (loaded) => {
        catalog = loaded;
      },
    },
    catalog.entries,
  );
  live.watch();
  return {
    live,
    lines,
    ids: () => catalog.entries.map((entry) => entry.id),
    logged: (text: string) => until(async () => lines.some((line) => line.includes(text)), 8000),
  };
}

/** A second valid entry file, written with another id. */
function copyAs(dir: string, from: string, id: string): string {
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const text = fs
    .readFileSync(path.join(dir, `${from}.yaml`), 'utf8')
    .replace(`id: ${from}`, `id: ${id}`)
    .replace(`name: ${capital(from)}`, `name: ${capital(id)}`);
  const file = path.join(dir, `${id}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

describe('catalog hot reload', () => {
  it('skips a link to nothing and a folder named like an entry, with a warning naming each', async () => {
    const { dir, remove } = tempCatalog(entries);
    const projects = path.join(dir, 'projects');
    const bot = watched(dir);
    try {
      fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(projects, 'dangling.yaml'));
      fs.mkdirSync(path.join(projects, 'folder.yaml'));
      copyAs(projects, 'alpha', 'gamma');
      await bot.logged('added gamma');
      expect(bot.ids()).toEqual(['alpha', 'beta', 'gamma']);
      expect(bot.lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/skipped .*dangling\.yaml: a link to nothing/),
          expect.stringMatching(/skipped .*folder\.yaml: a folder/),
        ]),
      );
    } finally {
      bot.live.close();
      remove();
    }
  });

  it('follows the folder when it is replaced, and when it is removed and put back', async () => {
    const { dir, remove } = tempCatalog(entries);
    const projects = path.join(dir, 'projects');
    const bot = watched(dir);
    try {
      // `mv new projects`: a new folder under the old name.
      const next = path.join(dir, 'projects.next');
      fs.cpSync(projects, next, { recursive: true });
      fs.rmSync(path.join(next, 'beta.yaml'));
      fs.rmSync(projects, { recursive: true });
      fs.renameSync(next, projects);
      await bot.logged('removed beta');
      expect(bot.ids()).toEqual(['alpha']);

      // The new folder is watched: a change inside it is seen.
      copyAs(projects, 'alpha', 'delta');
      await bot.logged('added delta');

      // Gone: the last good catalog keeps serving; back: watched again.
      const kept = path.join(dir, 'kept');
      fs.renameSync(projects, kept);
      await bot.logged('folder not found');
      expect(bot.ids()).toEqual(['alpha', 'delta']);
      fs.renameSync(kept, projects);
      copyAs(projects, 'alpha', 'epsilon');
      await bot.logged('added epsilon');
      expect(bot.ids()).toEqual(['alpha', 'delta', 'epsilon']);
    } finally {
      bot.live.close();
      remove();
    }
  });

  it('reloads on a ConfigMap-style swap of the ..data link', async () => {
    // How Kubernetes mounts a ConfigMap: entries are links into ..data, itself a link to a timestamped
    // folder; an update writes a new folder and renames a new ..data link over the old one.
    const { dir: source, remove } = tempCatalog([
      ...entries,
      { id: 'gamma', repository: 'https://github.com/example/gamma' },
    ]);
    const projects = path.join(source, 'projects');
    const mount = path.join(source, 'mounted');
    fs.mkdirSync(path.join(mount, 'projects', '..2026_12_01'), { recursive: true });
    const first = path.join(mount, 'projects', '..2026_12_01');
    for (const id of ['alpha', 'beta'])
      fs.copyFileSync(path.join(projects, `${id}.yaml`), path.join(first, `${id}.yaml`));
    fs.symlinkSync('..2026_12_01', path.join(mount, 'projects', '..data'));
    for (const id of ['alpha', 'beta', 'gamma'])
      fs.symlinkSync(path.join('..data', `${id}.yaml`), path.join(mount, 'projects', `${id}.yaml`));
    const bot = watched(mount);
    try {
      expect(bot.ids()).toEqual(['alpha', 'beta']);
      expect(readCatalog(mount).skipped.map((skip) => `${path.basename(skip.file)}: ${skip.reason}`)).toEqual(
        ['gamma.yaml: a link to nothing'],
      );

      const second = path.join(mount, 'projects', '..2026_12_02');
      fs.mkdirSync(second);
      for (const id of ['alpha', 'gamma'])
        fs.copyFileSync(path.join(projects, `${id}.yaml`), path.join(second, `${id}.yaml`));
      fs.symlinkSync('..2026_12_02', path.join(mount, 'projects', '..data_tmp'));
      fs.renameSync(path.join(mount, 'projects', '..data_tmp'), path.join(mount, 'projects', '..data'));
      fs.rmSync(first, { recursive: true });

      await bot.logged('added gamma; removed beta');
      expect(bot.ids()).toEqual(['alpha', 'gamma']);
      expect(bot.lines).toEqual(
        expect.arrayContaining([expect.stringMatching(/skipped .*beta\.yaml: a link to nothing/)]),
      );
    } finally {
      bot.live.close();
      remove();
    }
  });
});
