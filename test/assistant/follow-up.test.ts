import { readFollowUp } from '../../src/assistant/follow-up';
import { loadCatalog } from '../../src/catalog/load';
import type { CatalogEntry } from '../../src/catalog/types';

const catalog = loadCatalog();
const entries = (...ids: string[]) => ids.map((id) => catalog.byId.get(id) as CatalogEntry);
const ids = (list: readonly CatalogEntry[] | undefined) => list?.map((entry) => entry.id);
const libraries = entries('cilium-ebpf', 'aya', 'libbpf', 'libbpf-rs', 'libbpfgo');

function narrowed(text: string, shown = libraries) {
  const followUp = readFollowUp(text, shown);
  if (followUp?.kind !== 'narrow') throw new Error(`${text}: ${JSON.stringify(followUp?.kind)}`);
  return followUp;
}

describe('a follow-up in a thread', () => {
  it('narrows by implementation language, in English and Chinese', () => {
    expect(ids(narrowed('which of them is written in Rust?').entries)).toEqual(['aya', 'libbpf-rs']);
    expect(ids(narrowed('其中哪个是用 Go 写的？').entries)).toEqual(['cilium-ebpf', 'libbpfgo']);
    expect(ids(narrowed('only the ones in C').entries)).toEqual(['libbpf', 'libbpfgo']);
    // C is not C++, and "go" is only a language where it is said to be one.
    expect(ids(narrowed('which ones are in C++', entries('bcc', 'bpftrace', 'cilium')).entries)).toEqual([
      'bcc',
      'bpftrace',
    ]);
  });

  it('narrows by licence family, where an LGPL licence is not GPL', () => {
    expect(ids(narrowed('只要 Apache 许可的').entries)).toEqual(['aya', 'libbpfgo']);
    expect(ids(narrowed('只要 Apache 授權的').entries)).toEqual(['aya', 'libbpfgo']);
    expect(ids(narrowed('only MIT').entries)).toEqual(['cilium-ebpf', 'aya']);
    expect(ids(narrowed('which of them are GPL?').entries)).toEqual([]);
    expect(ids(narrowed('which of them are LGPL?').entries)).toEqual(['libbpf', 'libbpf-rs']);
  });

  it('narrows by category and by status, newest push first for "more active"', () => {
    const mixed = entries('cilium', 'falco', 'bpftrace', 'tetragon');
    expect(ids(narrowed('which of those are for security', mixed).entries)).toEqual(['falco', 'tetragon']);
    expect(ids(narrowed('只看其中网络类的', mixed).entries)).toEqual(['cilium']);
    const idle = catalog.entries.find((entry) => entry.status !== 'active') as CatalogEntry;
    expect(ids(narrowed('which of them are still maintained?', [idle, ...mixed]).entries)).toEqual(
      ids(mixed),
    );
    const active = narrowed('anything more active?', [idle, ...mixed]);
    expect(active.filter).toEqual({ by: 'activity' });
    const pushed = active.entries.map((entry) => entry.github?.pushed_at ?? '');
    expect(pushed).toEqual([...pushed].sort().reverse());
    expect(active.entries).not.toContain(idle);
  });

  it('opens a project by its position in the list', () => {
    const pick = (text: string) => {
      const followUp = readFollowUp(text, libraries);
      return followUp?.kind === 'pick' ? followUp.entry.id : followUp?.kind;
    };
    expect(pick('the second one')).toBe('aya');
    expect(pick('第二个')).toBe('aya');
    expect(pick('#3')).toBe('libbpf');
    expect(pick('the last one')).toBe('libbpfgo');
    expect(pick('最后一个')).toBe('libbpfgo');
    expect(readFollowUp('the fifth one', entries('aya', 'libbpf'))).toEqual({
      kind: 'out_of_range',
      count: 2,
    });
  });

  it('leaves new questions alone and says when a reference back cannot be understood', () => {
    expect(readFollowUp('cilium vs calico', libraries)).toBeUndefined();
    expect(readFollowUp('what is bpftrace?', libraries)).toBeUndefined();
    expect(readFollowUp('a Rust library to load eBPF programs', libraries)).toBeUndefined();
    expect(readFollowUp('trace packets in go', libraries)).toBeUndefined();
    expect(readFollowUp('which of them is the nicest?', libraries)).toEqual({ kind: 'unclear' });
    expect(readFollowUp('which of them is written in Rust?', [])).toBeUndefined();
  });
});
