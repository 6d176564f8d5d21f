import { ACTIONS } from '../../src/blocks/card';
import { STRINGS } from '../../src/blocks/strings';
import { limitViolations, PINGS } from '../support/block-limits';
import { FakeSlack } from '../support/fake-slack';
import { buttons, header } from '../support/payload';
import { blockAction, event, send, sign, slashCommand } from '../support/slack-requests';
import { BOT_TOKEN, startBot } from '../support/start-bot';

// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;

let fake: FakeSlack;
let bot: Awaited<ReturnType<typeof startBot>>;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  bot = await startBot(fake);
});
afterAll(async () => {
  await bot.stop();
  await fake.stop();
});
beforeEach(() => {
  fake.calls.length = 0;
});

const ask = async (text: string) => {
  const response = await slashCommand(bot.url, text, fake.responseUrl());
  expect(response.status).toBe(200);
  const payload = response.json() as Json;
  expect(limitViolations(payload)).toEqual([]);
  return payload;
};

describe('/ebpf', () => {
  it('answers in the ack with an ephemeral card, link buttons and a Share button', async () => {
    const payload = await ask('cilium');
    expect(payload.response_type).toBe('ephemeral');
    expect(header(payload)).toBe('Cilium');
    const labels = buttons(payload).map((button) => button.text.text);
    expect(labels).toEqual(['Repository', 'Website', 'Docs', STRINGS.share.en]);
    expect(buttons(payload)[0]?.url).toBe('https://github.com/cilium/cilium');
    expect(labels.join()).toContain('Share');
  });

  it('offers up to four other matches when the match is not exact', async () => {
    const payload = await ask('cillium');
    expect(header(payload)).toBe('Cilium');
    const others = buttons(payload).filter((button) => button.action_id.startsWith(ACTIONS.show));
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThanOrEqual(4);
    expect((await ask('cilium')).blocks.some((b: Json) => b.block_id === 'alternatives')).toBe(false);
  });

  it('answers in Chinese when asked in Chinese', async () => {
    const payload = await ask('介绍一下 eCapture');
    expect(header(payload)).toBe('eCapture');
    expect(JSON.stringify(payload)).toContain(STRINGS.repository.zh);
  });

  it('answers a question without a confident match with the three closest, each opening its card', async () => {
    const payload = await ask('抓取 HTTPS 明文');
    expect(header(payload)).toBeUndefined();
    const rows = payload.blocks.filter((block: Json) => block.accessory?.type === 'button');
    expect(rows).toHaveLength(3);
    expect(rows[0].text.text).toMatch(/^\*eCapture\*/);
    expect(rows[0].accessory.text.text).toBe(STRINGS.openCard.zh);
    expect(rows[0].accessory.action_id).toBe(`${ACTIONS.show}:ecapture`);
  });

  it('puts compared projects side by side in a table, with when to choose each and their cards', async () => {
    const payload = await ask('cilium vs calico');
    expect(header(payload)).toBe('Side by side: Cilium vs Calico');
    const [table] = payload.blocks.filter((block: Json) => block.type === 'table');
    expect(table.rows[0].map((cell: Json) => cell.text)).toEqual(['Project', 'Cilium', 'Calico']);
    expect(JSON.stringify(table)).toContain('https://github.com/projectcalico/calico');
    // What each repository says it needs of the kernel, or that it says nothing.
    const kernelRow = table.rows.find((row: Json) => row[0].text === 'Kernel needs');
    expect(kernelRow.map((cell: Json) => cell.text).slice(1)).toEqual([
      expect.stringContaining('5.10'),
      expect.stringContaining('5.10'),
    ]);
    const rust = await ask('aya vs libbpf-rs');
    const [rustTable] = rust.blocks.filter((block: Json) => block.type === 'table');
    expect(rustTable.rows.find((row: Json) => row[0].text === 'Kernel needs')[1].text).toBe(
      STRINGS.notStated.en,
    );
    const choose = payload.blocks.filter((block: Json) => /^\*Choose /.test(block.text?.text ?? ''));
    expect(choose.map((block: Json) => block.text.text.split('*')[1])).toEqual([
      'Choose Cilium when',
      'Choose Calico when',
    ]);
    expect(buttons(payload).map((button) => button.action_id)).toEqual([
      `${ACTIONS.show}:cilium`,
      `${ACTIONS.show}:calico`,
    ]);
    const chinese = await ask('Falco 和 Tetragon 有什么区别');
    expect(header(chinese)).toBe('对比: Falco 对比 Tetragon');
  });

  it('answers a question in traditional Chinese in traditional Chinese', async () => {
    const payload = await ask('在內核裡追蹤網路封包被丟在哪裡');
    // What people see: button values are not shown (feedback's carry the normalised, simplified terms).
    const text = JSON.stringify(payload, (key, value) => (key === 'value' ? undefined : value));
    expect(text).toMatch(/網路|封包|追蹤/);
    expect(text).not.toMatch(/网络|数据包|追踪/);
    expect(text).toMatch(/show_project:(pwru|retis)/);
  });

  it('says kindly that other well-known software is not an eBPF project, and offers ones that are', async () => {
    const payload = await ask('dtrace');
    expect(header(payload)).toBeUndefined();
    expect(payload.text).toMatch(/^\*dtrace\* is not an eBPF project\./);
    const offered = payload.blocks.filter((block: Json) => block.accessory?.type === 'button');
    expect(offered.map((block: Json) => block.accessory.action_id)).toContain(`${ACTIONS.show}:bpftrace`);
    expect((await ask('redis 怎么监控')).text).toMatch(/^\*redis\* 不是 eBPF 项目。/);
  });

  it('says kindly that it only knows eBPF projects when asked about something else', async () => {
    const payload = await ask('how do I set up a VPN on my mac');
    expect(header(payload)).toBeUndefined();
    expect(payload.text).toContain('I only know eBPF projects');
    expect(buttons(payload)).toEqual([]);
  });

  it.each([
    ['', /Look up eBPF projects/],
    ['help', /Look up eBPF projects/],
    ['categories', /Categories/],
    ['list nonsense', /There is no category “nonsense”/],
    ['--frobnicate', /There is no `--frobnicate` option/],
    ['potd frobnicate', /potd` understands subscribe/],
  ])('answers the subcommand %j', async (text, expected) => {
    expect(JSON.stringify((await ask(text)).blocks)).toMatch(expected);
  });

  it('lists a category, a random project and the project of the day', async () => {
    const list = await ask('list runtime');
    expect(header(list)).toMatch(/^eBPF runtime \(\d+\)$/);
    expect(JSON.stringify(list.blocks)).toContain('bpftime');
    expect(bot.ctx.catalog.entries.map((entry) => entry.name)).toContain(header(await ask('random')));
    const potd = await ask('potd');
    expect(header(potd)).toBe((await bot.ctx.projectOfTheDay())?.name);
    expect(JSON.stringify(potd.blocks)).toContain('Project of the day');
  });

  it('answers no match kindly, echoing the query escaped, never pinging', async () => {
    const payload = await ask('asdfgh <!channel> <@U999> & co');
    expect(payload.text).toContain('asdfgh &lt;!channel&gt; &lt;@U999&gt; &amp; co');
    expect(JSON.stringify(payload)).not.toMatch(PINGS);
    expect(JSON.stringify(payload.blocks)).toContain('catalog/projects/');
  });

  it.each([
    ['a 5,000 character query', `cilium ${'x'.repeat(5000)}`],
    ['control characters', 'cil\u0000ium\u0007\u001b[31m'],
    ['emoji', '🐝 ebpf 🐝 tracing 🔍'],
    ['mentions', '<!here> <!subteam^S1> <#C1|general> <@U2> tetragon'],
    ['a lone surrogate', 'cilium \uD800'],
  ])('answers %s with a valid, escaped payload', async (_, text) => {
    const payload = await ask(text);
    expect(JSON.stringify(payload)).not.toMatch(PINGS);
  });

  it('does not let a command word hide a project, and keeps --word for the command', async () => {
    expect(header(await ask('list'))).toMatch(/eBPF projects/);
    expect(JSON.stringify((await ask('--help')).blocks)).toMatch(/Look up eBPF projects/);
  });
});

describe('buttons', () => {
  const cardButton = async (text: string, prefix: string) => {
    const payload = await ask(text);
    const button = buttons(payload).find((b) => b.action_id.startsWith(prefix));
    if (!button) throw new Error(`no ${prefix} button`);
    return button;
  };

  it('shares the card visibly, saying who shared it, then removes the ephemeral one', async () => {
    const share = await cardButton('tetragon', ACTIONS.share);
    const response = await blockAction(
      bot.url,
      { action_id: share.action_id, value: share.value },
      fake.responseUrl('share'),
    );
    expect(response.status).toBe(200);
    const [posted, removed] = (await fake.waitFor('response', 2)).map((call) => call.body as Json);
    expect(posted).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(header(posted as Json)).toBe('Tetragon');
    expect(JSON.stringify(posted)).toContain(`${STRINGS.sharedBy.en} <@U1>`);
    expect(buttons(posted as Json).some((b) => b.action_id === ACTIONS.share)).toBe(false);
    expect(limitViolations(posted as Json)).toEqual([]);
    expect(removed).toEqual({ delete_original: true });
  });

  it('swaps the card in place for another match, keeping the others on offer', async () => {
    const other = await cardButton('cillium', ACTIONS.show);
    await blockAction(bot.url, { action_id: other.action_id, value: other.value }, fake.responseUrl('swap'));
    const [swapped] = (await fake.waitFor('response')).map((call) => call.body as Json);
    expect(swapped?.replace_original).toBe(true);
    expect(header(swapped as Json)).toBe(other.text.text);
    const offered = buttons(swapped as Json)
      .filter((b) => b.action_id.startsWith(ACTIONS.show))
      .map((b) => b.text.text);
    expect(offered).toContain('Cilium');
    // The swapped card still asks whether it helped.
    const feedback = (swapped as Json).blocks.find((block: Json) => block.type === 'context_actions');
    expect(feedback?.elements[0].type).toBe('feedback_buttons');
    expect(limitViolations(swapped as Json)).toEqual([]);
  });

  it('acknowledges link buttons without posting anything', async () => {
    const response = await blockAction(
      bot.url,
      { action_id: `${ACTIONS.link}:repository`, url: 'https://github.com/cilium/cilium' },
      fake.responseUrl(),
    );
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.calls).toEqual([]);
  });
});

describe('mentions and direct messages', () => {
  it('answers a channel mention in a thread, without the mention in the query', async () => {
    await event(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> what traces packets through the kernel?',
      ts: '100.1',
      channel: 'C1',
      event_ts: '100.1',
    });
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C1', thread_ts: '100.1' });
    expect(call?.token).toBe(BOT_TOKEN);
    const body = call?.body as Json;
    const rows = body.blocks.filter((block: Json) => block.accessory?.type === 'button');
    expect(rows[0]?.text.text).toMatch(/^\*pwru\*/);
    expect(limitViolations(body)).toEqual([]);
  });

  it('answers inside the thread a mention was made in', async () => {
    await event(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> falco',
      ts: '200.2',
      thread_ts: '200.0',
      channel: 'C1',
      event_ts: '200.2',
    });
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.body).toMatchObject({ channel: 'C1', thread_ts: '200.0' });
  });

  it('answers a direct message in the DM', async () => {
    await event(bot.url, {
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      text: 'bpftool',
      ts: '300.1',
      channel: 'D1',
      event_ts: '300.1',
    });
    const [call] = await fake.waitFor('chat.postMessage');
    expect(call?.body.channel).toBe('D1');
    expect(call?.body.thread_ts).toBeUndefined();
    expect(header(call?.body as Json)).toBe('bpftool');
  });

  it('never answers bots, itself, edits or retried deliveries', async () => {
    const dm = {
      type: 'message',
      channel_type: 'im',
      text: 'cilium',
      ts: '400.1',
      channel: 'D1',
      event_ts: '400.1',
    };
    await event(bot.url, { ...dm, user: 'U2', bot_id: 'B2' });
    await event(bot.url, { ...dm, user: 'UBOT' });
    await event(bot.url, { ...dm, subtype: 'message_changed', message: { text: 'cilium' } });
    await event(
      bot.url,
      {
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> cilium',
        ts: '400.2',
        channel: 'C1',
        event_ts: '400.2',
      },
      { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
    );
    await event(bot.url, { ...dm, user: 'U1', channel_type: 'channel' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('App Home and unfurls', () => {
  it('publishes the Home tab with the project of the day and the catalog', async () => {
    await event(bot.url, {
      type: 'app_home_opened',
      user: 'U1',
      channel: 'D1',
      tab: 'home',
      event_ts: '1.1',
    });
    const [call] = await fake.waitFor('views.publish');
    const view = call?.body.view as Json;
    expect(call?.body.user_id).toBe('U1');
    expect(view.type).toBe('home');
    expect(limitViolations(view, 'home')).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Project of the day');
    for (const entry of bot.ctx.catalog.entries) expect(text).toContain(entry.repository);
  });

  it('unfurls links to cataloged projects only', async () => {
    const links = [
      { domain: 'github.com', url: 'https://github.com/cilium/tetragon' },
      { domain: 'github.com', url: 'https://github.com/facebook/react' },
    ];
    await event(bot.url, {
      type: 'link_shared',
      channel: 'C1',
      user: 'U1',
      message_ts: '500.1',
      links,
      event_ts: '500.1',
    });
    const [call] = await fake.waitFor('chat.unfurl');
    expect(call?.body).toMatchObject({ channel: 'C1', ts: '500.1' });
    const unfurls = call?.body.unfurls as Json;
    expect(Object.keys(unfurls)).toEqual(['https://github.com/cilium/tetragon']);
    expect(header(unfurls['https://github.com/cilium/tetragon'])).toBe('Tetragon');
  });
});

describe('request verification', () => {
  const body = new URLSearchParams({
    command: '/ebpf',
    text: 'cilium',
    user_id: 'U1',
    channel_id: 'C1',
    response_url: 'http://127.0.0.1:1/x',
  }).toString();
  const form = 'application/x-www-form-urlencoded';

  it.each([
    ['a forged signature', { signature: sign(body, Math.floor(Date.now() / 1000), 'wrong-secret') }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['no signature', { signature: null }],
    ['a changed body', { sendBody: body.replace('cilium', 'tetragon') }],
  ])('rejects %s with 401 and does nothing', async (_, options) => {
    const response = await send(bot.url, body, form, options);
    expect(response.status).toBe(401);
    expect(response.text).not.toContain('Cilium');
    expect(fake.calls).toEqual([]);
  });

  it('never writes the token or the signing secret to the log', () => {
    const log = bot.logLines.join('');
    expect(bot.logLines.length).toBeGreaterThan(0);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain('test-signing-secret');
  });
});

describe('token verification', () => {
  it('calls auth.test once, at start, however many requests follow', async () => {
    for (const text of ['cilium', 'falco', 'help']) await ask(text);
    await event(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> bcc',
      ts: '9.1',
      channel: 'C1',
      event_ts: '9.1',
    });
    await fake.waitFor('chat.postMessage');
    expect(fake.total('auth.test')).toBe(1);
  });
});
