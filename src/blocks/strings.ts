import type { Bilingual } from '../catalog/types';
import { type Mrkdwn, md } from './mrkdwn';

export type Language = keyof Bilingual;

/** Every user-facing sentence of the bot, in both languages; tests import these instead of repeating them. */
export const STRINGS = {
  category: { en: 'Category', zh: '类别' },
  language: { en: 'Language', zh: '语言' },
  license: { en: 'License', zh: '许可证' },
  status: { en: 'Status', zh: '状态' },
  related: { en: 'Related', zh: '相关项目' },
  keywords: { en: 'Good for', zh: '适用场景' },
  repository: { en: 'Repository', zh: '代码仓库' },
  website: { en: 'Website', zh: '官网' },
  docs: { en: 'Docs', zh: '文档' },
  share: { en: 'Share in channel', zh: '分享到频道 (Share)' },
  otherMatches: { en: 'Other likely matches:', zh: '其他可能的结果：' },
  sharedBy: { en: 'shared by', zh: '分享自' },
  unknownLicense: { en: 'not confirmed', zh: '未确认' },
  asOf: { en: (month: string) => `as of ${month}`, zh: (month: string) => `（截至 ${month}）` },
  potdHeading: { en: 'Project of the day', zh: '今日项目' },
  statusNames: {
    active: { en: 'Active', zh: '活跃' },
    archived: { en: 'Archived', zh: '已归档' },
    inactive: { en: 'Inactive', zh: '不活跃' },
    moved: { en: 'Moved', zh: '已迁移' },
    donated: { en: 'Donated', zh: '已捐赠' },
    concluded: { en: 'Concluded', zh: '已结束' },
  },
  noMatch: {
    en: (query: Mrkdwn) => md`I couldn't find an eBPF project for “${query}”.`,
    zh: (query: Mrkdwn) => md`没有找到与“${query}”相关的 eBPF 项目。`,
  },
  notSure: {
    en: (query: Mrkdwn) => md`I'm not sure which eBPF project you mean by “${query}”.`,
    zh: (query: Mrkdwn) => md`不确定“${query}”指的是哪个 eBPF 项目。`,
  },
  didYouMean: { en: md`Did you mean:`, zh: md`你是不是要找：` },
  shortlist: {
    en: (query: Mrkdwn) => md`I'm not sure which project fits “${query}” best. These come closest:`,
    zh: (query: Mrkdwn) => md`不确定哪个项目最符合“${query}”，最接近的是：`,
  },
  openCard: { en: 'Show card', zh: '查看详情' },
  notEbpf: {
    en: (name: Mrkdwn) => md`*${name}* is not an eBPF project.`,
    zh: (name: Mrkdwn) => md`*${name}* 不是 eBPF 项目。`,
  },
  insteadLookAt: { en: md`eBPF projects to look at:`, zh: md`可以看看这些 eBPF 项目：` },
  compared: { en: 'Side by side', zh: '对比' },
  project: { en: 'Project', zh: '项目' },
  versus: { en: ' vs ', zh: ' 对比 ' },
  whatItIs: { en: 'What it is', zh: '简介' },
  newestCommit: { en: 'Newest commit', zh: '最近提交' },
  kernelNeeds: { en: 'Kernel needs', zh: '内核要求' },
  notStated: { en: 'not stated by the project', zh: '项目未说明' },
  chooseWhen: {
    en: (name: string) => md`*Choose ${name} when* `,
    zh: (name: string) => md`*这些情况选 ${name}：*`,
  },
  offTopic: {
    en: (query: Mrkdwn) =>
      md`I only know eBPF projects, and “${query}” doesn't look like a question about one. Ask me about tracing, networking, security, profiling or observability on Linux, for example:`,
    zh: (query: Mrkdwn) =>
      md`我只了解 eBPF 相关项目，“${query}”看起来不是这方面的问题。可以问我 Linux 上的追踪、网络、安全、性能剖析或可观测性，比如：`,
  },
  offTopicExamples: {
    en: md`• \`/ebpf where was my packet dropped\`\n• \`/ebpf see https plaintext without a proxy\`\n• \`/ebpf replace my dtrace one-liners\``,
    zh: md`• \`/ebpf 数据包在内核哪里被丢了\`\n• \`/ebpf 不改代码看服务之间的调用\`\n• \`/ebpf 抓取 HTTPS 明文\``,
  },
  assistantGreeting: {
    en: md`Hi! I know the eBPF ecosystem. Name a project, paste its link, describe what you need or compare two projects, in English or 中文. Then narrow what I showed right here: “which of them is written in Rust?”, “only Apache-licensed”, “the second one”.`,
    zh: md`你好！我了解 eBPF 生态。可以直接说项目名、贴链接、描述需求或比较两个项目，中英文都行。之后在这个对话里还能继续筛选：“其中哪个是用 Rust 写的？”“只要 Apache 许可的”“第二个”。`,
  },
  assistantPromptsTitle: { en: 'Try asking', zh: '可以这样问' },
  assistantPrompts: {
    en: [
      {
        title: 'Find a tool for a need',
        message: 'What can show me where packets are dropped in the kernel?',
      },
      { title: 'Compare two projects', message: 'Cilium vs Calico' },
      { title: 'Look up a project', message: 'What is bpftrace?' },
    ],
    zh: [
      { title: '按需求找工具', message: '怎么看 https 请求的明文？' },
      { title: '比较两个项目', message: 'Falco 和 Tetragon 有什么区别' },
      { title: '按名字查项目', message: 'eCapture 是什么' },
    ],
  },
  shareToChannel: { en: 'Share in the channel you are viewing', zh: '分享到正在看的频道' },
  sharedToChannel: { en: md`Shared in the channel you were viewing.`, zh: md`已分享到你正在看的频道。` },
  cannotPostThere: {
    en: md`I can't post in that channel. Invite @ebpf-bot to it (\`/invite @ebpf-bot\`) and try again.`,
    zh: md`我无法在那个频道发消息。请先邀请 @ebpf-bot 加入（\`/invite @ebpf-bot\`）再试。`,
  },
  assistantStatus: { en: 'is looking through the eBPF catalog…', zh: '正在查找 eBPF 项目…' },
  narrowedTo: {
    en: (phrase: Mrkdwn, count: number) =>
      md`Of the projects above, ${count === 1 ? 'this one is' : 'these are'} ${phrase}:`,
    zh: (phrase: Mrkdwn) => md`上面的项目中，${phrase}有：`,
  },
  narrowedToNone: {
    en: (phrase: Mrkdwn) => md`None of the projects above is ${phrase}.`,
    zh: (phrase: Mrkdwn) => md`上面的项目里没有${phrase}。`,
  },
  byActivity: {
    en: md`Of the projects above, the active ones, most recently updated first:`,
    zh: md`上面的项目中仍然活跃的，按最近更新排序：`,
  },
  writtenIn: {
    en: (language: string) => md`written in ${language}`,
    zh: (language: string) => md`用 ${language} 写的`,
  },
  licensedAs: {
    en: (license: string) => md`under a ${license} licence`,
    zh: (license: string) => md`采用 ${license} 许可的`,
  },
  inCategory: {
    en: (category: string) => md`in ${category}`,
    zh: (category: string) => md`属于「${category}」类的`,
  },
  stillActive: { en: md`still active`, zh: md`仍然活跃的` },
  onlyShown: {
    en: (count: number) => md`The list above had only ${count} ${count === 1 ? 'project' : 'projects'}.`,
    zh: (count: number) => md`上面只列了 ${count} 个项目。`,
  },
  followUpUnclear: {
    en: md`I couldn't tell how to narrow the projects above, so I looked this up as a new question.`,
    zh: md`没看明白要怎样筛选上面的项目，所以把它当作新问题来查。`,
  },
  feedbackHelpful: { en: '👍 Helpful', zh: '👍 有帮助' },
  feedbackNotHelpful: { en: '👎 Not helpful', zh: '👎 没有帮助' },
  feedbackThanks: { en: md`Thanks for the feedback.`, zh: md`谢谢你的反馈。` },
  postInThread: { en: 'Post in thread', zh: '发到消息列 (Post in thread)' },
  notInConversation: {
    en: md`I can't post in that conversation because I'm not a member of it. In a channel, invite me with \`/invite @ebpf-bot\` and press *Post in thread* again; in a direct message between other people I can't post at all.`,
    zh: md`我不在这个对话里，无法在那里发消息。如果是频道，请用 \`/invite @ebpf-bot\` 邀请我，再点一次“发到消息列”；别人之间的私信我无法发消息。`,
  },
  proposeEntry: {
    en: md`Missing a project? Propose it by adding a YAML file under \`catalog/projects/\` (see the README).`,
    zh: md`缺少某个项目？欢迎在 \`catalog/projects/\` 下添加一个 YAML 文件（见 README）。`,
  },
} as const satisfies Record<string, unknown>;

/** A message shortcut used on a message without text (only a picture, a file or an attachment). */
export const NO_TEXT_TO_LOOK_UP = md`That message has no text to look up. Use *Ask ebpf-bot* on a message that names a project or asks about one, or ask me with \`/ebpf\`.`;

/** A "Post in thread" button whose value is not one this bot made. */
export const BUTTON_EXPIRED = md`That button no longer works. Use *Ask ebpf-bot* on the message again.`;

/** Why the "Find an eBPF project" workflow step found nothing: plain text, shown in the workflow's activity. */
export const STEP_ERRORS = {
  unknownStep: 'This version of ebpf-bot does not know this step. Update the app or its manifest.',
  empty:
    'Give the step a project name or a question, for example “cilium” or “trace packets through the kernel”.',
  offTopic:
    'That does not look like a question about an eBPF project. Give a project name (cilium, bpftrace) or what it should do on Linux: tracing, networking, security, profiling or observability.',
  noMatch: (suggestions: string) =>
    suggestions
      ? `No eBPF project in the catalog matches that. Did you mean ${suggestions}?`
      : 'No eBPF project in the catalog matches that. Give a project name (cilium, bpftrace) or describe what it does (“trace packets through the kernel”).',
  compared: (names: string) =>
    `That compares ${names}; the step gives one project. Give it one name, or what the project should do.`,
  notEbpf: (name: string, what: string, offers: string) =>
    `${name} is not an eBPF project. ${what}${offers ? ` Try ${offers} instead.` : ''}`,
} as const;

export const HELP_TEXT = md`${[
  '*Look up eBPF projects*',
  '• `/ebpf cilium`: a project by name, alias, typo or link (`/ebpf https://github.com/cilium/pwru`)',
  '• `/ebpf trace packets through the kernel`: describe what you need, in English or 中文',
  '• `/ebpf list [category]`: projects by category; `/ebpf categories`: the categories',
  '• `/ebpf random`: a random project; `/ebpf potd`: the project of the day',
  '• `/ebpf potd subscribe [HH:MM] [TIMEZONE] [--daily]`, `/ebpf potd unsubscribe`, `/ebpf potd status`',
  '• Mention me in a channel or thread (`@ebpf-bot what is tetragon?`) or send me a direct message.',
  '_A project named like a command wins; `/ebpf --list` and friends always run the command._',
].join('\n')}`;
