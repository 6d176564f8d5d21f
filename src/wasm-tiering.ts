import { setFlagsFromString } from 'node:v8';

/**
 * fetch (undici, under the Slack clients) parses HTTP in WebAssembly. Shortly after the first Slack
 * call, V8 recompiles that module with its optimising tier in the background, which briefly takes
 * about 30 MB, as much as the catalog, search index and Bolt's heap together; peak RSS counts it. The
 * baseline tier is fast enough for the few Slack calls a bot makes. Takes effect before the first fetch.
 */
export function keepWasmOnBaselineTier(): void {
  setFlagsFromString('--liftoff-only');
}
