import type { CatalogEntry } from '../catalog/types';
import type { Ranker } from './evaluate';

/**
 * What a plain search library does with the same catalog: MiniSearch 7 over the entries' text fields with
 * field boosts, ICU word segmentation (Chinese included), fuzzy and prefix matching, and nothing else.
 * `npm run eval` prints it beside our ranking so the margin stays visible. MiniSearch is a development
 * dependency: the baseline is for evaluation only.
 */
export async function createPlainBaseline(entries: readonly CatalogEntry[]): Promise<Ranker> {
  const { default: MiniSearch } = await import('minisearch');
  const english = new Intl.Segmenter('en', { granularity: 'word' });
  const chinese = new Intl.Segmenter('zh', { granularity: 'word' });
  const tokenize = (text: string): string[] => {
    const words: string[] = [];
    for (const part of (/[\u3400-\u9fff]/.test(text) ? chinese : english).segment(text))
      if (part.isWordLike) words.push(part.segment.toLowerCase());
    return words;
  };
  const both = (
    value: { en: string; zh: string } | { en: readonly string[]; zh: readonly string[] } | undefined,
  ) => (value ? [value.en, value.zh].flat().join('\n') : '');
  const documents = entries.map((entry, id) => ({
    id,
    name: entry.name,
    aliases: entry.aliases.join('\n'),
    keywords: both(entry.keywords),
    summary: both(entry.summary),
    problems: both(entry.problems),
    description: both(entry.description),
  }));
  const index = new MiniSearch({
    fields: ['name', 'aliases', 'keywords', 'summary', 'problems', 'description'],
    tokenize,
    searchOptions: {
      boost: { name: 4, aliases: 3, keywords: 3, summary: 2, problems: 1.5, description: 1 },
      fuzzy: 0.2,
      prefix: true,
    },
  });
  index.addAll(documents);

  function search(query: string, options: { limit?: number } = {}): ReturnType<Ranker['search']> {
    const hits = index.search(query).slice(0, options.limit ?? 5);
    const best = hits[0]?.score ?? 1;
    return {
      onTopic: true,
      results: hits.map((hit) => ({
        entry: entries[hit.id as number] as CatalogEntry,
        score: hit.score / best,
        confidence: 'weak',
      })),
    };
  }
  return { search };
}
