import { findCategory, parseCommand } from '../../src/answer/command';

const noProjects = () => false;

describe('/ebpf command parsing', () => {
  it.each([
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['list Networking', { kind: 'list', category: 'networking' }],
    ['list 网络', { kind: 'list', category: 'networking' }],
    ['list load balancing', { kind: 'list', category: 'load-balancing' }],
    ['list nonsense', { kind: 'categories', unknown: 'nonsense' }],
    ['categories', { kind: 'categories' }],
    ['RANDOM', { kind: 'random' }],
    ['potd', { kind: 'potd', action: 'show', args: [] }],
    [
      'potd subscribe 08:30 Asia/Tokyo --daily',
      { kind: 'potd', action: 'subscribe', args: ['08:30', 'Asia/Tokyo', '--daily'] },
    ],
    ['potd unsubscribe', { kind: 'potd', action: 'unsubscribe', args: [] }],
    ['cilium', { kind: 'query', text: 'cilium' }],
    ['what traces packets?', { kind: 'query', text: 'what traces packets?' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text, noProjects)).toEqual(expected);
  });

  it('lets a project named like a command win, and keeps --word for the command', () => {
    const named = (text: string) => text === 'random' || text === 'list';
    expect(parseCommand('random', named)).toEqual({ kind: 'query', text: 'random' });
    expect(parseCommand('--random', named)).toEqual({ kind: 'random' });
    expect(parseCommand('list networking', named)).toEqual({ kind: 'list', category: 'networking' });
    expect(parseCommand('--list', named)).toEqual({ kind: 'list' });
  });

  it('answers unknown options and potd actions with help', () => {
    const noteOf = (text: string) => {
      const command = parseCommand(text, noProjects);
      return command.kind === 'help' ? command.note?.text : undefined;
    };
    expect(noteOf('--frobnicate')).toBe('There is no `--frobnicate` option.');
    expect(noteOf('potd later')).toContain('`later`');
    expect(noteOf('--<!channel>')).toBe('There is no `--&lt;!channel&gt;` option.');
    expect(noteOf('--a`b')).toBe('There is no `--aʼb` option.');
  });

  it('finds categories by id, label or prefix, and nothing for one letter', () => {
    expect(findCategory('trac')).toBe('tracing');
    expect(findCategory('性能剖析')).toBe('profiling');
    expect(findCategory('n')).toBeUndefined();
  });
});
