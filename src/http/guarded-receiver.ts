import { HTTPReceiver, type HTTPReceiverOptions } from '@slack/bolt';
import { type GuardOptions, guardSlackRequests } from './request-guard';

export const EVENTS_PATH = '/slack/events';

/**
 * Bolt's HTTP receiver behind the request guard (signature headers, body limit, unverified-bytes cap,
 * body shape). Start it with `SERVER_OPTIONS` and `limitServer` for the timeouts and connection cap.
 */
export class GuardedReceiver extends HTTPReceiver {
  constructor(
    options: HTTPReceiverOptions & { readonly signingSecret: string },
    guard: Omit<GuardOptions, 'signingSecret' | 'eventPaths'> = {},
  ) {
    super({ ...options, endpoints: [EVENTS_PATH] });
    this.requestListener = guardSlackRequests(this.requestListener, {
      ...guard,
      signingSecret: options.signingSecret,
      eventPaths: [EVENTS_PATH],
    });
  }
}
