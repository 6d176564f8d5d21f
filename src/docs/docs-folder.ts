import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectDocs } from './doc-terms';

/**
 * Reads documentation gathered into a folder: `<dir>/<id>/SOURCE.json` (repository, commit, paths,
 * and `listing`: folder → a file of its entry names) beside the files at their repository paths.
 */
export function readDocsFolder(dir: string): ProjectDocs[] {
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((id) => {
      const sourceFile = path.join(dir, id, 'SOURCE.json');
      if (!fs.existsSync(sourceFile)) return [];
      const source = JSON.parse(fs.readFileSync(sourceFile, 'utf8')) as {
        repository: string;
        commit: string;
        paths: string[];
        listing?: Record<string, string>;
      };
      const read = (file: string) => {
        const full = path.join(dir, id, file);
        return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
      };
      const listing = source.listing ?? {};
      return [
        {
          id,
          repository: source.repository,
          commit: source.commit,
          paths: source.paths,
          listed: Object.keys(listing),
          texts: source.paths.map(read),
          names: Object.values(listing).flatMap((file) => read(file).split('\n').filter(Boolean)),
        },
      ];
    });
}
