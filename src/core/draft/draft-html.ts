/**
 * A charter draft as an HTML page: the platform's new template as its charter pages lay it out
 * (a paragraph opening with the category in bold, then a table), with the list of things to
 * review at the top. Everything from outside is text: every character that could make markup is
 * an entity, and bidi controls are shown as `<U+202E>` (terminalText), as in the Markdown draft.
 */
import { terminalText } from '../terminal-text.ts';
import { DRAFT_WORDS } from './draft-words.ts';
import { cookieLabel, draftSections, escapeWords, noticeText, portalUrl, reviewItems, rowRemarks } from './draft-layout.ts';
import type { Category } from '../charter/types.ts';
import type { DraftLanguage } from './draft-formats.ts';
import type { CharterDraft, DraftRow } from './draft-types.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Outside text as HTML text: on one line, visible, and never markup. */
export function htmlText(value: string): string {
  return terminalText(value)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** Words standing for an empty name, set apart from names: in italics, as the pages show them (views/CookieName.tsx). */
export const setApart = (words: string) => `<em class="nameless">${words}</em>`;

/** The draft's own words as HTML text, French typography's narrow no-break spaces kept. */
const wordsText = (words: string) => escapeWords(words, htmlText);

/** One row of a table: the name in code, then its remarks in parentheses, emphasised. */
export function htmlRow(draftRow: DraftRow, language: DraftLanguage): string {
  const { entry } = draftRow;
  const marks = rowRemarks(draftRow, DRAFT_WORDS[language])
    .map((remark) => ` <em class="draft-mark">${wordsText(remark)}</em>`)
    .join('');
  // A cell in another language than the page says which (WCAG 3.1.2): a screen reader reads it in that language.
  const cell = (part: 'purpose' | 'duration', text: string) => {
    const lang = draftRow.otherLanguage?.[part];
    return `<td${lang ? ` lang="${lang}"` : ''}>${htmlText(text)}</td>`;
  };
  return (
    `<tr><td>${htmlText(entry.provider)}</td><td><code>${htmlText(cookieLabel(entry))}</code>${marks}</td>` +
    `${cell('duration', entry.duration ?? '')}${cell('purpose', entry.purpose)}</tr>`
  );
}

/** A category's section of the new template, as the platform's pages lay it out: a paragraph opening with the category in bold, then the table. */
export function htmlSection(category: Category, rows: readonly DraftRow[], language: DraftLanguage): string {
  const words = DRAFT_WORDS[language];
  const { label, sentence } = words.categories[category];
  return [
    `<p><strong>${wordsText(`${label}${words.colon}`)}</strong> ${wordsText(sentence)}</p>`,
    '<table>',
    `<thead><tr>${words.header.map((cell) => `<th>${wordsText(cell)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => htmlRow(row, language)),
    '</tbody>',
    '</table>',
  ].join('\n');
}

/** Readable on screen and on paper, light or dark; nothing in it is needed to read the charter. */
const STYLE = [
  ':root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5 }',
  'main { max-width: 60rem; margin: 2rem auto; padding: 0 1rem }',
  'table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem }',
  'th, td { border: 1px solid #8888; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top }',
  '.draft-review { border: 2px solid #c60; padding: 0 1rem; margin-bottom: 1.5rem }',
  // Remarks are bold 16px, not large text: 4.5:1 on white (5.6) and on the dark canvases (8.8 on Firefox's #1c1b22);
  // a browser without light-dark() keeps the light colour.
  '.draft-mark { color: #a84d00; color: light-dark(#a84d00, #ffa64d); font-weight: bold }',
].join('\n');

/** The draft as a complete HTML page. */
export function draftHtml(draft: CharterDraft): string {
  const words = DRAFT_WORDS[draft.language];
  const url = portalUrl(draft.host);
  const items = reviewItems(draft, htmlText, setApart);
  const review =
    items.length > 0
      ? [
          '<section class="draft-review">',
          `<h3>${wordsText(words.reviewHeading)}</h3>`,
          '<ol>',
          ...items.map((item) => `<li>${item}</li>`),
          '</ol>',
          '</section>',
        ]
      : [];
  const sections = draftSections(draft).map(({ category, rows }) => htmlSection(category, rows, draft.language));
  return [
    '<!doctype html>',
    `<html lang="${draft.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlText(`${words.title} — ${draft.host}`)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h2>${wordsText(words.title)}</h2>`,
    `<p class="draft-notice">${noticeText(draft, htmlText(draft.host))}</p>`,
    ...review,
    `<h3>${wordsText(words.portalHeading)}${url ? ` ${htmlText(`<${url}>`)}` : ''}</h3>`,
    ...sections,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
