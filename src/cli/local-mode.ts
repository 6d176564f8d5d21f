import * as readline from 'node:readline';
import { type AnswerContext, answerCommand, parse } from '../answer/answer';
import { threadAnswer } from '../assistant/reply';
import type { ShownInThread } from '../assistant/thread';
import type { Message } from '../blocks/kit';
import { ANSI, PLAIN, renderText } from '../blocks/render-text';
import { withFeedback } from '../feedback/feedback-block';
import type { CliIo } from './io';

export const LOCAL_BANNER = `ebpf-bot local mode: no Slack credentials are set, so you talk to the bot here.
Try:  /ebpf cilium    /ebpf help    @ebpf-bot what traces packets through the kernel?    抓取 HTTPS 明文
Questions without /ebpf are a conversation, as in Slack's assistant thread: follow up on what was shown
with "which of them is written in Rust?", "only Apache-licensed", "the second one", "其中更活跃的".
Add --json before a query to see the Block Kit payload Slack would receive. Ctrl-D or "exit" quits.

To connect a real workspace: create an app from manifest.yml (README, "Install in Slack"), then set
SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) and start again.
`;

/** What the terminal's conversation showed last, as an assistant thread keeps it in Slack. */
export interface LocalThread {
  lastShown?: ShownInThread;
}

/**
 * One line typed in local mode, answered exactly as the Slack path would answer it: `/ebpf` as the slash
 * command, anything else as a message in an assistant thread, which `thread` carries between lines.
 */
export async function answerLine(
  line: string,
  ctx: AnswerContext,
  color = false,
  thread: LocalThread = {},
): Promise<string | undefined> {
  let text = line.trim();
  if (!text) return undefined;
  const json = text.startsWith('--json');
  if (json) text = text.slice('--json'.length).trim();

  // "/ebpf ..." is the slash command (ephemeral, shareable); anything else is a mention or DM.
  const slash = /^\/ebpf\b/i.test(text);
  const question = text
    .replace(/^\/ebpf\b/i, '')
    .replace(/^@ebpf-bot\b[:,]?/i, '')
    .trim();
  const command = parse(question, ctx);
  if (command.kind === 'potd' && command.action !== 'show') {
    return 'Project of the day subscriptions need a Slack channel: try them in Slack.';
  }
  let message: Message;
  if (!slash && command.kind === 'query') {
    const answer = threadAnswer(command.text, thread, ctx);
    if (answer.kept) thread.lastShown = answer.kept;
    message = withFeedback(answer);
  } else message = withFeedback(await answerCommand(command, ctx, slash ? 'asker' : 'everyone'));
  if (json) return JSON.stringify(message, null, 2);
  return renderText(message, color ? ANSI : PLAIN);
}

/** The terminal loop of local mode. Resolves when input ends. */
export async function runLocalMode(ctx: AnswerContext, io: CliIo, color: boolean): Promise<void> {
  io.stdout(LOCAL_BANNER);
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  io.stdout('\nebpf> ');
  const thread: LocalThread = {};
  for await (const line of lines) {
    if (/^(exit|quit)$/i.test(line.trim())) break;
    const answer = await answerLine(line, ctx, color, thread);
    if (answer) io.stdout(`\n${answer}\n`);
    io.stdout('\nebpf> ');
  }
  lines.close();
  io.stdout('\n');
}
