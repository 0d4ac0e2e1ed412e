/**
 * A charter draft as Markdown: the platform's new template, one pipe table per category after
 * its category paragraph. Every piece of outside text (names, providers, a charter's words) goes
 * through `markdownText`, the reports' escaping: it stays text in any renderer, and the charter
 * parser reads it back as it was (core/charter/table.ts reads escapes in pipe cells).
 */
import { markdownText } from '../report/markdown.ts';
import { DRAFT_WORDS } from './draft-words.ts';
import { cookieLabel, draftSections, escapeWords, noticeText, portalUrl, reviewItems, rowRemarks } from './draft-layout.ts';
import type { Category } from '../charter/types.ts';
import type { DraftLanguage } from './draft-formats.ts';
import type { CharterDraft, DraftRow } from './draft-types.ts';

/** Markdown text of a cell or an item; the empty string stays empty (an empty duration cell). */
const text = (value: string) => markdownText(value);

/** Words standing for an empty name, set apart from names: in italics, as the reports write them (markdownCookieName). */
export const setApart = (words: string) => `*${words}*`;

/** One row of a table: the name cell holds the name, then its remarks in parentheses. */
export function markdownRow(draftRow: DraftRow, language: DraftLanguage): string {
  const { entry } = draftRow;
  const remarks = rowRemarks(draftRow, DRAFT_WORDS[language]).map((remark) => escapeWords(remark, text));
  const name = [text(cookieLabel(entry)), ...remarks].join(' ');
  return `| ${[text(entry.provider), name, text(entry.duration ?? ''), text(entry.purpose)].join(' | ')} |`;
}

/** A category's section of the new template: its paragraph, then its table (header, rule, rows). */
export function markdownSection(category: Category, rows: readonly DraftRow[], language: DraftLanguage): string {
  const words = DRAFT_WORDS[language];
  const { label, sentence } = words.categories[category];
  return [
    `**${label}${words.colon}** ${sentence}`,
    '',
    `| ${words.header.join(' | ')} |`,
    `| ${words.header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => markdownRow(row, language)),
  ].join('\n');
}

/** The draft as a Markdown document. */
export function draftMarkdown(draft: CharterDraft): string {
  const words = DRAFT_WORDS[draft.language];
  const url = portalUrl(draft.host);
  const items = reviewItems(draft, text, setApart);
  const lines = [`## ${words.title}`, '', noticeText(draft, text(draft.host)), ''];
  if (items.length > 0) lines.push(`### ${words.reviewHeading}`, '', ...items.map((item, index) => `${index + 1}. ${item}`), '');
  lines.push(`### ${words.portalHeading}${url ? ` <${url}>` : ''}`, '');
  for (const { category, rows } of draftSections(draft)) lines.push(markdownSection(category, rows, draft.language), '');
  return lines.join('\n');
}
