import type { HomeView } from '@slack/types';
import type { CatalogEntry } from '../catalog/types';
import { ACTIONS, projectCard } from './card';
import { actions, type Block, button, context, divider, header, section } from './kit';
import { blockChars, LIMITS, paginate } from './limits';
import { catalogSections, hasFigures, type ListOrder } from './messages';
import { md } from './mrkdwn';
import { HELP_TEXT, STRINGS } from './strings';

/**
 * The App Home tab: today's project, how to ask, and the catalog by category. Pages when the catalog
 * outgrows the Home tab's block limit; `page` is clamped, so an old button never breaks it.
 */
export function homeView(
  entries: readonly CatalogEntry[],
  projectOfTheDay: CatalogEntry | undefined,
  { page = 0, order = 'name' }: HomePosition = {},
): HomeView {
  const top: Block[] = [header('ebpf-bot')];
  if (projectOfTheDay) {
    top.push(...projectCard(projectOfTheDay, { heading: STRINGS.potdHeading.en, compact: true }).blocks);
  }
  top.push(section(HELP_TEXT), divider());
  // Ordering by stars needs the figures of a sync; without them there is nothing to choose.
  if (hasFigures(entries)) {
    const other: ListOrder = order === 'stars' ? 'name' : 'stars';
    top.push(
      actions(
        [
          button(other === 'stars' ? 'Most stars first' : 'Order by name', {
            actionId: `${ACTIONS.homeOrder}:${other}`,
            value: encodePosition({ page: 0, order: other }),
          }),
        ],
        'home_order',
      ),
    );
  }

  // Room for the pager and its label; a page also keeps to the text budget of a message.
  const topChars = top.reduce((sum, block) => sum + blockChars(block), 0);
  const pages = paginate(
    catalogSections(entries, order),
    LIMITS.homeBlocks - top.length - 2,
    LIMITS.totalBlockText - topChars - 100,
  );
  const current = Math.min(Math.max(0, Math.trunc(page)), pages.length - 1);
  const blocks = [...top, ...(pages[current] ?? [])];
  if (pages.length > 1) {
    blocks.push(context(md`Page ${current + 1} of ${pages.length}`));
    const buttons = [
      ...(current > 0 ? [{ label: '← Previous', to: current - 1 }] : []),
      ...(current < pages.length - 1 ? [{ label: 'Next →', to: current + 1 }] : []),
    ];
    blocks.push(
      actions(
        buttons.map(({ label, to }) =>
          button(label, {
            actionId: `${ACTIONS.homePage}:${to}`,
            value: encodePosition({ page: to, order }),
          }),
        ),
        'home_pager',
      ),
    );
  }
  return { type: 'home', blocks, private_metadata: encodePosition({ page: current, order }) };
}

/** Where a reader is in the Home tab: the page and the order, carried by its buttons. */
export interface HomePosition {
  readonly page?: number;
  readonly order?: ListOrder;
}

function encodePosition(position: Required<HomePosition>): string {
  return JSON.stringify(position);
}

/** A button value back as a position; anything else is the first page by name. */
export function decodePosition(value: string | undefined): HomePosition {
  try {
    const { page, order } = JSON.parse(value ?? '') as { page?: unknown; order?: unknown };
    return {
      page: typeof page === 'number' && Number.isFinite(page) ? page : 0,
      order: order === 'stars' ? 'stars' : 'name',
    };
  } catch {
    return { page: Number(value) || 0, order: 'name' };
  }
}
