// biome-ignore lint/suspicious/noExplicitAny: payloads are inspected freely; limitViolations checks their shape
type Json = Record<string, any>;

/** The text of a message's header block (a card's project name), if it has one. */
export const header = (payload: Json): string | undefined =>
  payload.blocks?.find((block: Json) => block.type === 'header')?.text.text;

/** Every element of a message's actions blocks. */
export const buttons = (payload: Json): Json[] =>
  payload.blocks.filter((block: Json) => block.type === 'actions').flatMap((block: Json) => block.elements);
