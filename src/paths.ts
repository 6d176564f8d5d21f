import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folder holding package.json, whether running from src/ (tests) or dist/src/ (built). */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);
