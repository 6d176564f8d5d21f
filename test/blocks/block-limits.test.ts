import { limitViolations } from '../support/block-limits';

/** The validator every payload test relies on: it must refuse what Slack refuses. */

const feedback = (element: Record<string, unknown>) => ({
  type: 'context_actions',
  elements: [
    {
      type: 'feedback_buttons',
      action_id: 'feedback',
      positive_button: { text: { type: 'plain_text', text: '👍 Helpful' }, value: 'yes' },
      negative_button: { text: { type: 'plain_text', text: '👎 Not helpful' }, value: 'no' },
      ...element,
    },
  ],
});
const message = (...blocks: unknown[]) => ({ text: 'answer', blocks });

describe('limitViolations on context_actions', () => {
  it('passes feedback buttons and icon buttons within the limits', () => {
    expect(limitViolations(message(feedback({})))).toEqual([]);
    const icon = { type: 'icon_button', icon: 'trash', text: { type: 'plain_text', text: 'Delete' } };
    expect(
      limitViolations(message({ type: 'context_actions', elements: [{ ...icon, action_id: 'delete' }] })),
    ).toEqual([]);
  });

  it('flags a value over 2,000 characters, a label over 75, a label that is not plain text, a missing value', () => {
    const yes = { text: { type: 'plain_text', text: 'yes' }, value: 'yes' };
    expect(
      limitViolations(message(feedback({ positive_button: { ...yes, value: 'v'.repeat(2001) } }))),
    ).toEqual(['blocks[0] (context_actions) positive_button value length 2001']);
    expect(
      limitViolations(
        message(
          feedback({ negative_button: { ...yes, text: { type: 'plain_text', text: 'x'.repeat(76) } } }),
        ),
      ),
    ).toEqual(['blocks[0] (context_actions) negative_button text must be plain_text of 1 to 75 characters']);
    expect(
      limitViolations(
        message(feedback({ positive_button: { ...yes, text: { type: 'mrkdwn', text: 'yes' } } })),
      ),
    ).toHaveLength(1);
    expect(limitViolations(message(feedback({ negative_button: { text: yes.text } })))).toEqual([
      'blocks[0] (context_actions) negative_button value length 0',
    ]);
    expect(limitViolations(message(feedback({ positive_button: undefined })))).toHaveLength(2);
  });

  it('flags more than five elements, none, an unknown element, a reused action id, and a Home tab', () => {
    const [element] = feedback({}).elements;
    const six = Array.from({ length: 6 }, (_, i) => ({ ...element, action_id: `feedback-${i}` }));
    expect(limitViolations(message({ type: 'context_actions', elements: six }))).toEqual([
      'blocks[0] (context_actions) 6 elements',
    ]);
    expect(limitViolations(message({ type: 'context_actions', elements: [] }))).toEqual([
      'blocks[0] (context_actions) 0 elements',
    ]);
    expect(
      limitViolations(message({ type: 'context_actions', elements: [{ type: 'button', action_id: 'b' }] })),
    ).toEqual(['blocks[0] (context_actions) element of type button']);
    expect(limitViolations(message(feedback({}), feedback({})))).toEqual([
      'blocks[1] (context_actions) duplicate action_id feedback',
    ]);
    expect(limitViolations({ blocks: [feedback({})] }, 'home')).toEqual([
      'blocks[0] (context_actions) context_actions are for messages',
    ]);
  });
});
