import { answerCommand, parse } from '../../src/answer/answer';
import { catalogContext } from '../support/catalog-context';

describe('what an answer reports it showed', () => {
  const ctx = catalogContext();
  const shown = async (text: string) => (await answerCommand(parse(text, ctx), ctx, 'asker')).shown;

  it('names the card, the comparison and the not-eBPF answer with the projects in their order', async () => {
    expect(await shown('cilium')).toMatchObject({ kind: 'card', ids: ['cilium'], language: 'en' });
    expect(await shown('cilium vs calico')).toMatchObject({ kind: 'comparison', ids: ['cilium', 'calico'] });
    const redis = await shown('redis');
    expect(redis?.kind).toBe('not_ebpf');
    expect(await shown('Falco 和 Tetragon 有什么区别')).toMatchObject({ kind: 'comparison', language: 'zh' });
  });

  it('keeps the normalised terms of the question, not its text, and shows nothing off topic', async () => {
    const packets = await shown('Tracing packets through the kernel');
    expect(packets?.terms).toEqual(expect.arrayContaining(['packet', 'kernel']));
    expect(packets?.terms.join(' ')).not.toContain('Tracing');
    expect(await shown('what is the weather in Paris tomorrow')).toMatchObject({
      kind: 'off_topic',
      ids: [],
    });
  });

  it('names only the projects a shortlist shows, in their order', async () => {
    for (const text of ['抓取 HTTPS 明文', 'dtrace', 'which tool shows where packets are dropped']) {
      const answer = await answerCommand(parse(text, ctx), ctx, 'asker');
      expect(['shortlist', 'not_ebpf']).toContain(answer.shown?.kind);
      const rows = answer.message.blocks.flatMap((block) =>
        block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory.action_id] : [],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(answer.shown?.ids.map((id) => `show_project:${id}`)).toEqual(rows);
    }
  });

  it('reports nothing for answers that are not to a question', async () => {
    expect(await shown('help')).toBeUndefined();
    expect(await shown('list')).toBeUndefined();
  });
});
