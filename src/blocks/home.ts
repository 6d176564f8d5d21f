import type { HomeView, KnownBlock } from '@slack/types';
import type { CatalogEntry } from '../catalog/types';
import { ACTIONS, projectCard } from './card';
import { LIMITS } from './limits';
import { catalogSections } from './messages';
import { HELP_TEXT, STRINGS } from './strings';

/**
 * The App Home tab: today's project, how to ask, and the catalog by category. Pages when the catalog
 * outgrows the Home tab's block limit; `page` is clamped, so an old button never breaks it.
 */
export function homeView(
  entries: readonly CatalogEntry[],
  projectOfTheDay: CatalogEntry | undefined,
  page = 0,
): HomeView {
  const top: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'ebpf-bot' } }];
  if (projectOfTheDay) {
    top.push(...projectCard(projectOfTheDay, { heading: STRINGS.potdHeading.en, compact: true }).blocks);
  }
  top.push({ type: 'section', text: { type: 'mrkdwn', text: HELP_TEXT } }, { type: 'divider' });

  const sections = catalogSections(entries);
  const perPage = LIMITS.homeBlocks - top.length - 2; // room for the pager and its label
  const pages = Math.max(1, Math.ceil(sections.length / perPage));
  const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const blocks = [...top, ...sections.slice(current * perPage, (current + 1) * perPage)];
  if (pages > 1) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Page ${current + 1} of ${pages}` }] });
    const buttons = [
      ...(current > 0 ? [{ label: '← Previous', to: current - 1 }] : []),
      ...(current < pages - 1 ? [{ label: 'Next →', to: current + 1 }] : []),
    ];
    blocks.push({
      type: 'actions',
      block_id: 'home_pager',
      elements: buttons.map(({ label, to }) => ({
        type: 'button',
        text: { type: 'plain_text', text: label },
        action_id: `${ACTIONS.homePage}:${to}`,
        value: String(to),
      })),
    });
  }
  return { type: 'home', blocks, private_metadata: String(current) };
}
