import type { AnswerContext } from '../../src/answer/answer';
import { loadCatalog } from '../../src/catalog/load';
import { createSearch } from '../../src/search/search';

/** What answers are made from, over the bundled catalog, without Slack: for tests of pure answers. */
export function catalogContext(): AnswerContext {
  const catalog = loadCatalog();
  return {
    catalog,
    search: createSearch(catalog.entries, catalog.notEbpf),
    projectOfTheDay: async () => catalog.entries[0],
    random: () => 0.5,
  };
}
