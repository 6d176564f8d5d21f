/**
 * A conversation's id as Slack writes it: C… a channel, G… a private one, D… a direct message. Ids that
 * come back in button values and message metadata are checked against it before the bot posts there.
 */
export const CONVERSATION_ID = /^[CDG][A-Z0-9]{1,30}$/;

/** A channel or private channel, where a card can be shared for everyone (not a direct message). */
export function isChannelId(id: string): boolean {
  return CONVERSATION_ID.test(id) && !id.startsWith('D');
}
