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
});
