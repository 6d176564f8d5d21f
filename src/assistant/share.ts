import { ACTIONS } from '../blocks/card';
import { actions, type Block, button } from '../blocks/kit';
import { type Language, STRINGS } from '../blocks/strings';
import type { CatalogEntry } from '../catalog/types';
import { isChannelId } from '../web-api/slack-ids';

/** What the "share in the channel you are viewing" button carries: the card and where it goes. */
export interface ShareRef {
  readonly id: string;
  readonly lang: Language;
  readonly channel: string;
}

/** A button under an assistant's card that posts it in the channel open beside the assistant. */
export function shareToChannelBlock(
  entry: CatalogEntry,
  lang: Language,
  channel: string,
  label: string = STRINGS.shareToChannel[lang],
): Block[] {
  if (!isChannelId(channel)) return [];
  const value: ShareRef = { id: entry.id, lang, channel };
  return [
    actions([button(label, { actionId: ACTIONS.shareTo, value: JSON.stringify(value) })], 'share_to_channel'),
  ];
}

/** Reads the button's value back; undefined when it is not one of ours. */
export function parseShareValue(value: string | undefined): ShareRef | undefined {
  try {
    const ref = JSON.parse(value ?? '') as Partial<ShareRef>;
    if (typeof ref.id !== 'string' || (ref.lang !== 'en' && ref.lang !== 'zh')) return undefined;
    if (typeof ref.channel !== 'string' || !isChannelId(ref.channel)) return undefined;
    return { id: ref.id, lang: ref.lang, channel: ref.channel };
  } catch {
    return undefined;
  }
}
