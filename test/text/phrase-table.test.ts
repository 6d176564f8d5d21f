import { PhraseTable } from '../../src/text/phrase-table';

describe('a phrase table searched where it lies', () => {
  const table = new PhraseTable(['头发 頭髮|发 發|面条 麵條|𠀾 X', '发 髮|面 麵|系 係']);

  it('replaces the longest phrase at each place, left to right', () => {
    expect(table.replace('头发和面条的面')).toBe('頭髮和麵條的麵');
  });

  it('takes the earlier table’s replacement of a phrase both tables have', () => {
    expect(table.replace('发')).toBe('發');
    expect(table.replace('系')).toBe('係');
  });

  it('passes what it does not know whole, surrogate pairs included', () => {
    expect(table.replace('abc 𠀿 ok')).toBe('abc 𠀿 ok');
    expect(table.replace('𠀾')).toBe('X');
    expect(new PhraseTable(['']).replace('发')).toBe('发');
  });
});
