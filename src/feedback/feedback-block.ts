import type { Answer, Shown } from '../answer/answer';
import { ACTIONS } from '../blocks/card';
import { type Block, feedbackButtons, type Message, withBlocks } from '../blocks/kit';
import { LIMITS } from '../blocks/limits';
import { textMessage } from '../blocks/messages';
import { STRINGS } from '../blocks/strings';
import { inTraditional } from '../blocks/traditional';
import { traditional } from '../text/chinese-script';
import { encodeFeedbackValue, type FeedbackValue } from './feedback-value';

/** Slack's thumbs up and down under an answer, labelled in its language; each carries what it showed. */
export function feedbackBlock(shown: Shown): Block {
  const label = (text: string) => (shown.traditional ? traditional(text) : text);
  return feedbackButtons(
    ACTIONS.feedback,
    {
      label: label(STRINGS.feedbackHelpful[shown.language]),
      value: encodeFeedbackValue(shown, 'helpful'),
    },
    {
      label: label(STRINGS.feedbackNotHelpful[shown.language]),
      value: encodeFeedbackValue(shown, 'not_helpful'),
    },
  );
}

/**
 * The answer's message with feedback buttons under it, for every surface that posts an answer. Only
 * answers to a question get them, off-topic ones too: a question wrongly judged not to be about eBPF
 * is a miss that only a 👎 reveals. A message already at Slack's block limit stays as it is.
 */
export function withFeedback(answer: Answer): Message {
  const { message, shown } = answer;
  if (!shown || message.blocks.length >= LIMITS.messageBlocks) return message;
  return withBlocks(message, [feedbackBlock(shown)]);
}

/** What a click gets back, only for the one who clicked, in the answer's language. */
export function thanksMessage(value: FeedbackValue): Message {
  const thanks = textMessage(STRINGS.feedbackThanks[value.language]);
  return value.traditional ? inTraditional(thanks) : thanks;
}
