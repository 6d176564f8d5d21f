/**
 * Words that make two or three named projects a comparison: "X vs Y", "X or Y for …", "difference between
 * X and Y", "compare X Y", "X 和 Y 有什么区别 / 怎么选", "X 还是 Y", "X、Y 哪个好".
 */
const ENGLISH_CUE =
  /\b(vs|versus|compare|compared|comparing|comparison|difference|differences|differ|or|better)\b/;
const CHINESE_CUE = /(区别|对比|比较|还是|哪个|怎么选|选哪个|相比|差异|不同|优劣|优缺点)/u;
/** Side by side, more than three is a list, not a comparison. */
export const MAX_COMPARED = 3;

/**
 * The projects a question compares, in the order named, or undefined when it compares nothing: at least
 * two distinct projects and a word that asks for a comparison.
 */
export function comparedProjects(text: string, named: readonly number[]): number[] | undefined {
  const distinct = [...new Set(named)];
  if (distinct.length < 2 || !asksToCompare(text)) return undefined;
  return distinct.slice(0, MAX_COMPARED);
}

export function asksToCompare(text: string): boolean {
  return ENGLISH_CUE.test(text) || CHINESE_CUE.test(text);
}
