import type { FeedbackRecord } from '../../src/store/store';

/** A stored feedback click: a helpful English card of Cilium, with whatever `more` changes. */
export function feedbackRecord(
  click: string,
  at: string,
  more: Partial<FeedbackRecord> = {},
): FeedbackRecord {
  return {
    installation: 'default',
    click,
    at: new Date(at),
    outcome: 'helpful',
    kind: 'card',
    language: 'en',
    ids: ['cilium'],
    terms: ['packet', '网络'],
    ...more,
  };
}
