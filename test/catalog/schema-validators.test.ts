import * as fs from 'node:fs';
import { SCHEMA_VALIDATORS_FILE, schemaValidatorsSource } from '../../src/catalog/compile-schemas';

describe('the catalog schemas’ validation code', () => {
  it('is in step with catalog/schema.json and not-ebpf.schema.json (else: npm run schemas)', () => {
    expect(fs.readFileSync(SCHEMA_VALIDATORS_FILE, 'utf8')).toBe(schemaValidatorsSource());
  });
});
