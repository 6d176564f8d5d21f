/** Stops the PostgreSQL cluster of global-setup.ts. */
export default async function teardown(): Promise<void> {
  globalThis.ebpfBotTestPostgres?.stop();
}
