import { traditional } from '../text/chinese-script';
import type { Block, Message } from './kit';

/**
 * The same message (or block) with every text in traditional characters and Taiwan's words, for a question asked in
 * traditional Chinese. Only `text` values change (they are catalog text and our strings; markup, links and
 * escapes are ASCII and stay as they are); ids, URLs and button values are kept.
 */
export function inTraditional<T extends Message | Block>(answer: T): T {
  const convert = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return key === 'text' ? traditional(node) : node;
    if (Array.isArray(node)) return node.map((item) => convert(item));
    if (node && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([name, value]) => [name, convert(value, name)]));
    return node;
  };
  return convert(answer) as T;
}
