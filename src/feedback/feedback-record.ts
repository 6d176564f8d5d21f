import { createHash } from 'node:crypto';
import type { FeedbackRecord, InstallationKey } from '../store/store';
import type { FeedbackValue } from './feedback-value';

/** Which click it was, as Slack names it: the timestamps of the message clicked on and of the click. */
export interface ClickIds {
  readonly messageTs: string;
  readonly actionTs: string;
}

/**
 * A hash, the same for every delivery of one click: the store can tell a click it has seen, but not
 * which message it was made on (and through that, whose question).
 */
export function clickKey(installation: InstallationKey, click: ClickIds): string {
  return createHash('sha256')
    .update(`${installation}\n${click.messageTs}\n${click.actionTs}`)
    .digest('base64url')
    .slice(0, 32);
}

/** What is stored of a click: what the answer showed and how it was judged, never who judged it. */
export function feedbackRecord(
  installation: InstallationKey,
  value: FeedbackValue,
  click: ClickIds,
  at: Date,
): FeedbackRecord {
  return {
    installation,
    click: clickKey(installation, click),
    at,
    outcome: value.outcome,
    kind: value.kind,
    language: value.language,
    ids: value.ids,
    terms: value.terms,
  };
}
