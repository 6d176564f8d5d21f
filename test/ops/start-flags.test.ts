import * as fs from 'node:fs';
import * as path from 'node:path';
import { NODE_MEMORY_FLAGS } from '../../src/v8-memory';

const root = path.join(__dirname, '../..');

describe('the V8 flags that must be given at start-up', () => {
  it('are on the command line of `npm start` and of the Docker image', () => {
    const start = (
      JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start;
    const cmd = fs
      .readFileSync(path.join(root, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('CMD '))
      .at(-1);
    for (const flag of NODE_MEMORY_FLAGS) {
      expect(start).toContain(`node ${flag}`);
      expect(cmd).toContain(JSON.stringify(flag));
    }
  });
});
