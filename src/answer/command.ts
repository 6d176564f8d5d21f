import type { ListOrder } from '../blocks/messages';
import { echoCode, type Mrkdwn, md } from '../blocks/mrkdwn';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../catalog/categories';
import { normalizeText } from '../text/normalize';

export type PotdAction = 'show' | 'subscribe' | 'unsubscribe' | 'status';

/** "stars", "--stars", "by stars", "按星标": what ends a `/ebpf list` that orders by stars. */
const BY_STARS = /(?:^|\s)(?:(?:by|order by|sort by)\s+)?-{0,2}stars?$|按?星标$/i;

export type Command =
  | { readonly kind: 'help'; readonly note?: Mrkdwn }
  | { readonly kind: 'list'; readonly category?: Category; readonly order?: ListOrder }
  | { readonly kind: 'categories'; readonly unknown?: string }
  | { readonly kind: 'random' }
  | { readonly kind: 'potd'; readonly action: PotdAction; readonly args: readonly string[] }
  | { readonly kind: 'query'; readonly text: string };

const SUBCOMMANDS = ['help', 'list', 'categories', 'random', 'potd'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

function isSubcommand(word: string): word is Subcommand {
  return (SUBCOMMANDS as readonly string[]).includes(word);
}

/** "network", "Networking", "网络" and "load balancing" all name a category. */
export function findCategory(text: string): Category | undefined {
  const wanted = normalizeText(text);
  if (!wanted) return undefined;
  return CATEGORIES.find((category) => {
    const names = [category, CATEGORY_LABELS[category].en, CATEGORY_LABELS[category].zh].map(normalizeText);
    return names.some((name) => name === wanted || (wanted.length >= 3 && name.startsWith(wanted)));
  });
}

/**
 * Reads the text after `/ebpf`. A project whose exact name is a command word wins over the command
 * (`isProjectName`); the `--word` form always means the command.
 */
export function parseCommand(input: string, isProjectName: (text: string) => boolean): Command {
  const text = input.trim();
  if (!text) return { kind: 'help' };
  const [first = '', ...rest] = text.split(/\s+/);
  const forced = first.startsWith('--');
  const word = first.replace(/^--/, '').toLowerCase();

  if (!isSubcommand(word)) {
    if (forced) return { kind: 'help', note: md`There is no ${echoCode(first, 40)} option.` };
    return { kind: 'query', text };
  }
  if (!forced && isProjectName(text)) return { kind: 'query', text };

  switch (word) {
    case 'help':
      return { kind: 'help' };
    case 'categories':
      return { kind: 'categories' };
    case 'random':
      return { kind: 'random' };
    case 'list': {
      const wanted = rest.join(' ');
      const byStars = BY_STARS.test(wanted);
      const named = wanted.replace(BY_STARS, '').trim();
      const order = byStars ? { order: 'stars' as const } : {};
      if (!named) return { kind: 'list', ...order };
      const category = findCategory(named);
      if (category) return { kind: 'list', category, ...order };
      return { kind: 'categories', unknown: named };
    }
    case 'potd': {
      const [action = 'show', ...args] = rest;
      const known: Record<string, PotdAction> = {
        show: 'show',
        subscribe: 'subscribe',
        unsubscribe: 'unsubscribe',
        status: 'status',
        today: 'show',
      };
      const potdAction = known[action.toLowerCase()];
      if (!potdAction)
        return {
          kind: 'help',
          note: md`\`/ebpf potd\` understands subscribe, unsubscribe and status, not ${echoCode(action, 40)}.`,
        };
      return { kind: 'potd', action: potdAction, args };
    }
  }
}
