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
    // The guard has checked the signature of every request to EVENTS_PATH before Bolt sees it, and the
    // only way in is through the guard: Bolt checking it again cost about 5% of a request's CPU.
    super({ ...options, endpoints: [EVENTS_PATH], signatureVerification: false });
    this.requestListener = guardSlackRequests(this.requestListener, {
      ...guard,
      signingSecret: options.signingSecret,
      eventPaths: [EVENTS_PATH],
    });
  }
}
