import { simplified, traditional } from '../../src/text/chinese-script';

describe('traditional Chinese and regional words', () => {
  it('reads Taiwan wording as the mainland words the catalog uses', () => {
    expect(simplified('在內核裡追蹤網路封包的路徑')).toEqual({
      text: '在内核里追踪网络数据包的路径',
      traditional: true,
    });
    expect(simplified('記憶體洩漏、軟體效能、預設閘道').text).toBe('内存泄漏、软件性能、默认网关');
  });

  it('reads common Cantonese words of Hong Kong questions', () => {
    expect(simplified('點樣睇邊個行程用緊頻寬').text).toContain('怎样看哪个');
  });

  it('leaves simplified text alone, where Taiwan phrases would change its meaning', () => {
    // 程序 is a program in Beijing and a process in Taipei: only traditional characters convert.
    expect(simplified('程序内存泄漏怎么查')).toEqual({ text: '程序内存泄漏怎么查', traditional: false });
    expect(simplified('trace packets in the kernel')).toEqual({
      text: 'trace packets in the kernel',
      traditional: false,
    });
  });

  it('writes answers back in traditional characters with Taiwan words', () => {
    expect(traditional('追踪网络数据包的内存占用')).toMatch(/^追蹤網路.+記憶體/);
    expect(traditional('<https://github.com/cilium/pwru|pwru> &amp;')).toBe(
      '<https://github.com/cilium/pwru|pwru> &amp;',
    );
  });

  it('picks the traditional character a phrase needs, not the first one a character has', () => {
    // 系 is 係 or 繫 elsewhere, 发 is 髮 in 头发, 面 is 麵 in 面条, 里 is 裡 after 日志.
    expect(traditional('系统日志里的后端发布')).toBe('系統日誌裡的後端釋出');
    expect(traditional('看头发和面条')).toBe('看頭髮和麵條');
    expect(traditional('在集群里')).toBe('在叢集裡');
    // Characters outside the Basic Multilingual Plane pass whole.
    expect(traditional('𠀾测试').isWellFormed()).toBe(true);
  });
});
