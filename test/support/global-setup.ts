import { postgresBin, startPostgres, type TestPostgres } from './postgres';

declare global {
  var ebpfBotTestPostgres: TestPostgres | undefined;
}

/**
 * Jest's global setup: one throwaway PostgreSQL cluster for the whole run, its URL in
 * EBPF_BOT_TEST_POSTGRES for the tests (each makes its own database in it); global-teardown.ts stops
 * it. Without Debian's postgresql package the PostgreSQL tests are skipped, except in CI, where that
 * is an error.
 */
export default async function setup(): Promise<void> {
  const bin = postgresBin();
  if (!bin) {
    if (process.env.CI) throw new Error('CI needs PostgreSQL for the tests: apt-get install postgresql');
    process.stderr.write('\nPostgreSQL not found (apt-get install postgresql): its tests are skipped.\n');
    return;
  }
  globalThis.ebpfBotTestPostgres = await startPostgres(bin);
  process.env.EBPF_BOT_TEST_POSTGRES = globalThis.ebpfBotTestPostgres.url;
}
