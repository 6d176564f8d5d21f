import { LogLevel } from '@slack/bolt';
import { createLocalContext } from '../../src/bot';
import { loadCatalog } from '../../src/catalog/load';
import { answerLine } from '../../src/cli/local-mode';
import { createJsonLogger } from '../../src/logger';

const ctx = createLocalContext(
  loadCatalog(),
  'UTC',
  createJsonLogger(LogLevel.ERROR, [], () => undefined),
);
afterAll(() => ctx.close());

describe('local mode', () => {
  it('renders the card of /ebpf readably: heading, fields, links, the Share button', async () => {
    const out = (await answerLine('/ebpf cilium', ctx)) as string;
    expect(out.split('\n')[0]).toBe('CILIUM');
    expect(out).toMatch(/^Category: Networking$/m);
    expect(out).toContain('[Repository] https://github.com/cilium/cilium');
    expect(out).toContain('[Share in channel] (button)');
    expect(out.split('\n').at(-1)).toBe('[👍 Helpful] [👎 Not helpful] (feedback)');
  });

  it('answers mention-style questions like a mention: no Share button', async () => {
    const out = (await answerLine('@ebpf-bot what is pwru?', ctx)) as string;
    expect(out.split('\n')[0]).toBe('PWRU');
    expect(out).not.toContain('Share in channel');
  });

  it('shows the Block Kit payload with --json', async () => {
    const payload = JSON.parse((await answerLine('--json /ebpf tetragon', ctx)) as string);
    expect(payload.blocks.find((block: { type: string }) => block.type === 'header').text.text).toBe(
      'Tetragon',
    );
    expect(payload.text).toContain('Tetragon');
    expect(payload.blocks.at(-1)).toMatchObject({
      type: 'context_actions',
      elements: [{ type: 'feedback_buttons', action_id: 'feedback' }],
    });
  });

  it('plays an assistant thread: follow-ups narrow and open what the conversation showed', async () => {
    const thread = {};
    const list = (await answerLine('a library to write eBPF programs', ctx, false, thread)) as string;
    expect(list).toContain('Aya');
    const rust = (await answerLine('which of them is written in Rust?', ctx, false, thread)) as string;
    expect(rust).toContain('written in Rust');
    expect(rust).toContain('Aya');
    expect(rust).not.toContain('cilium/ebpf');
    expect(((await answerLine('the first one', ctx, false, thread)) as string).split('\n')[0]).toBe('AYA');
    // A slash command is not part of the conversation.
    expect((await answerLine('/ebpf the second one', ctx, false, thread)) as string).not.toContain(
      'Of the projects',
    );
  });

  it('answers help, the project of the day and subscriptions kindly; ignores blank lines', async () => {
    expect(await answerLine('/ebpf', ctx)).toContain('Look up eBPF projects');
    expect(await answerLine('/ebpf', ctx)).not.toContain('(feedback)');
    expect(await answerLine('/ebpf potd', ctx)).toContain('Project of the day');
    expect(await answerLine('/ebpf potd subscribe', ctx)).toContain('need a Slack channel');
    expect(await answerLine('   ', ctx)).toBeUndefined();
  });
});
