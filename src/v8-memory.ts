import { setFlagsFromString } from 'node:v8';

/**
 * The young generation's size can only be set when the process starts: `npm start`, the Docker image
 * and the load benchmark run the bot with this flag. On Node 24 V8 lets the young generation grow to
 * about 50 MB under a burst of requests, which was most of the difference between the bot's peak memory
 * (250 MB) and its live heap (about 30 MB); at 4 MB per half the peak was about 160 MB at the same
 * throughput. With the assistant, feedback and comparison answers (December 2026), 2 MB per half took
 * the peak from 183 to 176 MB, throughput unchanged.
 */
export const NODE_MEMORY_FLAGS = ['--max-semi-space-size=2'] as const;

/**
 * Two V8 settings that keep peak memory near what the bot uses (about 22 MB of live heap with the
 * bundled catalog), measured with `npm run bench:load`. Call before the first Slack call.
 * - fetch (undici, under the Slack clients) parses HTTP in WebAssembly. Shortly after the first
 *   Slack call V8 recompiles that module with its optimising tier in the background, which briefly
 *   takes about 30 MB. The baseline tier is fast enough for the few Slack calls a bot makes.
 * - Under a burst, V8 let the heap grow to about four times the live data between full collections:
 *   peak RSS 171-187 MB in three runs. Growing at most twice over gave 142-145 MB at the same
 *   throughput, with p99 latency about 3% higher; at most one and a half times over took today's bot
 *   from 193 to 183 MB, throughput unchanged.
 */
export function limitV8Memory(): void {
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--heap-growing-percent=50');
}
