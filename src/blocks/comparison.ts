import { CATEGORY_LABELS } from '../catalog/categories';
import type { CatalogEntry } from '../catalog/types';
import { showButton } from './card';
import {
  actions,
  type Block,
  context,
  header,
  linkCell,
  type Message,
  message,
  section,
  table,
  textCell,
} from './kit';
import { joinMd, md } from './mrkdwn';
import { type Language, STRINGS } from './strings';

/**
 * Two or three projects side by side: a table of what each is, its category, languages, licence,
 * status and newest commit, kernel needs (as each repository states them) and repository, then when to
 * choose each (`choose_when`), in our words, and a button per project that opens its card. Only catalog text: nothing the user typed is shown.
 */
export function comparisonMessage(entries: readonly CatalogEntry[], lang: Language): Message {
  const title = entries.map((entry) => entry.name).join(STRINGS.versus[lang]);
  const row = (label: string, cell: (entry: CatalogEntry) => ReturnType<typeof textCell>) => [
    textCell(label),
    ...entries.map(cell),
  ];
  const facts = table([
    row(STRINGS.project[lang], (entry) => textCell(entry.name)),
    row(STRINGS.whatItIs[lang], (entry) => textCell(entry.summary[lang])),
    row(STRINGS.category[lang], (entry) => textCell(CATEGORY_LABELS[entry.category][lang])),
    row(STRINGS.language[lang], (entry) => textCell(entry.languages.join(', '))),
    row(STRINGS.license[lang], (entry) => textCell(entry.license ?? STRINGS.unknownLicense[lang])),
    row(STRINGS.status[lang], (entry) => textCell(STRINGS.statusNames[entry.status][lang])),
    row(STRINGS.newestCommit[lang], (entry) => textCell(entry.newest_commit)),
    row(STRINGS.kernelNeeds[lang], (entry) => textCell(entry.kernel?.needs[lang] ?? STRINGS.notStated[lang])),
    row(STRINGS.repository[lang], (entry) =>
      linkCell(entry.repository, entry.repository.replace(/^https:\/\//, '')),
    ),
  ]);
  const choose: Block[] = entries.flatMap((entry) =>
    entry.choose_when ? [section(md`${STRINGS.chooseWhen[lang](entry.name)}${entry.choose_when[lang]}`)] : [],
  );
  return message(
    md`${title}: ${joinMd(
      entries.map((entry) => md`${entry.name} (${entry.summary[lang]})`),
      '; ',
    )}`,
    [
      header(`${STRINGS.compared[lang]}: ${title}`),
      facts,
      ...choose,
      actions(
        entries.map((entry) =>
          showButton(
            entry,
            lang,
            entries.filter((other) => other !== entry),
          ),
        ),
        'compared',
      ),
      context(STRINGS.proposeEntry[lang]),
    ],
  );
}
