import type { HomeView, KnownBlock } from '@slack/types';
import type { CatalogEntry } from '../catalog/types';
import { ACTIONS, projectCard } from './card';
import { blockChars, LIMITS, paginate } from './limits';
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

  // Room for the pager and its label; a page also keeps to the text budget of a message.
  const topChars = top.reduce((sum, block) => sum + blockChars(block), 0);
  const pages = paginate(
    catalogSections(entries),
    LIMITS.homeBlocks - top.length - 2,
    LIMITS.totalBlockText - topChars - 100,
  );
  const current = Math.min(Math.max(0, Math.trunc(page)), pages.length - 1);
  const blocks = [...top, ...(pages[current] ?? [])];
  if (pages.length > 1) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Page ${current + 1} of ${pages.length}` }],
    });
    const buttons = [
      ...(current > 0 ? [{ label: '← Previous', to: current - 1 }] : []),
      ...(current < pages.length - 1 ? [{ label: 'Next →', to: current + 1 }] : []),
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
