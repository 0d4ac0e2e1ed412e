import { describe, expect, it } from 'vitest';
import { readNameCell } from '../../../src/core/charter/cells.ts';
import { readFieldLine } from '../../../src/core/charter/fields.ts';
import { charterTitle, readHeading, readParagraphLabel } from '../../../src/core/charter/sections.ts';
import { readTableHeader } from '../../../src/core/charter/table.ts';
import { DRAFT_LANGUAGES } from '../../../src/core/draft/draft-formats.ts';
import { DRAFT_WORDS, type DraftWords } from '../../../src/core/draft/draft-words.ts';
import type { Category } from '../../../src/core/charter/types.ts';

const CATEGORIES: Category[] = ['necessary', 'statistics', 'third-party', 'other'];

/** Every text of a review note, each branch once; a note added to DraftWords must be added here (the type says so). */
const NOTES: { [K in keyof DraftWords['review']]: (words: DraftWords) => string[] } = {
  toReview: (words) => [null, words.sources.charter].map((source) => words.review.toReview('N', 'P', source, words.undeclared.site)),
  embedded: (words) => [null, words.sources.charter].map((source) => words.review.embedded('N', 'P', 'D', source, words.undeclared.site)),
  notObserved: (words) => [words.review.notObserved('N', 'P')],
  longer: (words) => Object.values(words.statedBy).map((statedBy) => words.review.longer('N', 'O', 'S', statedBy)),
  durationAdded: (words) => [words.review.durationAdded('N', 'O')],
  moved: (words) => [words.review.moved('N')],
  declaredTwice: (words) => [words.review.declaredTwice('N')],
  declaredTwiceLeftOut: (words) => [
    words.review.declaredTwiceLeftOut('N', words.categories['third-party'].label, words.categories.statistics.label),
  ],
  trackerInNecessary: (words) => Object.values(words.trackerKinds).map((kind) => words.review.trackerInNecessary('N', 'P', kind)),
  inEnglish: (words) => [words.review.inEnglish('N')],
  toTranslate: (words) => Object.values(words.inLanguage).map((language) => words.review.toTranslate('N', language)),
  cut: (words) => Object.values(words.cutParts).map((part) => words.review.cut('N', part)),
  writtenApart: (words) => [words.review.writtenApart('N', 'F')],
  unreadable: (words) => [words.review.unreadable('N')],
  limit: (words) => [words.review.limit('N')],
  size: (words) => [words.review.size('N')],
  more: (words) => [words.review.more(1), words.review.more(2)],
  platformUnseen: (words) => [words.review.platformUnseen('N', true), words.review.platformUnseen('N', false)],
  originUnknown: (words) => [words.review.originUnknown('N', 'D')],
  moreOriginUnknown: (words) => [words.review.moreOriginUnknown(1), words.review.moreOriginUnknown(2)],
  unreadLine: (words) => [words.review.unreadLine('7', 'T'), words.review.unreadLine('7', '')],
  readInPart: (words) => [words.review.readInPart('7', 'T'), words.review.readInPart('7', '')],
  unreadMore: (words) => [words.review.unreadMore(1), words.review.unreadMore(2)],
};

/** Every string a draft's words hold or make, with placeholders for what comes from outside. */
function everyText(words: DraftWords): string[] {
  const strings = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(strings) : [];
  return [
    ...strings(words),
    words.day('2026-12-01'),
    ...['', ...Object.values(words.basis)].map((basis) => words.notice('H', words.day('2026-12-01'), words.runs.accepted, basis)),
    ...Object.values(NOTES).flatMap((notes) => notes(words)),
  ];
}

describe.each(DRAFT_LANGUAGES)('DRAFT_WORDS (%s)', (language) => {
  const words = DRAFT_WORDS[language];

  it('opens each category’s paragraph with a label the parser reads as that category, plain or in bold', () => {
    for (const category of CATEGORIES) {
      const { label, sentence } = words.categories[category];
      expect(readParagraphLabel(`${label}${words.colon} ${sentence}`)?.category, category).toBe(category);
      expect(readParagraphLabel(`**${label}${words.colon}** ${sentence}`)?.category, category).toBe(category);
    }
  });

  it('heads each table with the new template’s four columns, and titles the page as charters do', () => {
    expect(readTableHeader(`| ${words.header.join(' | ')} |`, 1)?.columns).toEqual(['provider', 'cookie', 'duration', 'purpose']);
    expect(readTableHeader(words.header.join('\t'), 1)?.columns).toEqual(['provider', 'cookie', 'duration', 'purpose']);
    expect(charterTitle(words.title)).toBe(words.title);
  });

  it('writes remarks the name-cell reader drops, so a marked name reads back as the name', () => {
    for (const remark of Object.values(words.marks)) {
      expect(readNameCell(`_pk_id.* (${remark})`).names, remark).toEqual([{ cookie: '_pk_id.', match: 'prefix' }]);
      expect(readNameCell(`none (${remark}) (${remark})`).names, remark).toEqual([{ cookie: 'none', match: 'exact' }]);
    }
  });

  it('starts every note with fixed words and a colon, so that whatever names it holds it is no field, heading or table header', () => {
    const name = 'Cookie|Purpose|Provider';
    const notes = [
      ...Object.values(words.undeclared).flatMap((undeclared) => [
        words.review.toReview(name, 'Provider|Cookie', words.sources['open-cookie-database'], undeclared),
        words.review.toReview(name, 'Provider|Cookie', null, undeclared),
        words.review.embedded(name, 'Provider|Cookie', 'Cookie|Duration', words.sources['known-tracker'], undeclared),
        words.review.embedded(name, 'Provider|Cookie', 'Cookie|Duration', null, undeclared),
      ]),
      words.review.notObserved(name, 'Purpose'),
      ...Object.values(words.statedBy).map((statedBy) => words.review.longer(name, '13 mois', 'Duration|Purpose', statedBy)),
      words.review.durationAdded(name, '13 mois'),
      words.review.moved(name),
      words.review.inEnglish(name),
      ...Object.values(words.inLanguage).map((language) => words.review.toTranslate(name, language)),
      words.review.declaredTwice(name),
      ...CATEGORIES.map((category) =>
        words.review.declaredTwiceLeftOut(name, words.categories.necessary.label, words.categories[category].label),
      ),
      words.review.trackerInNecessary(name, 'Provider|Cookie', words.trackerKinds.statistics),
      words.review.writtenApart(name, 'Cookie|Provider*'),
      words.review.unreadable(name),
      words.review.limit(name),
      words.review.size(name),
      words.review.more(12),
      words.review.more(1),
      words.review.platformUnseen(name, true),
      words.review.platformUnseen(name, false),
      words.review.originUnknown(name, '.Duration|Provider'),
      words.review.moreOriginUnknown(3),
      words.review.moreOriginUnknown(1),
      words.review.toReview(name, 'Provider|Cookie', null, words.maybeInUnreadLine('12')),
      words.review.unreadLine('12', `${words.header.join(' | ')}`),
      words.review.unreadLine('12', `${words.header[1]} : _pk_id`),
      words.review.unreadLine('12', ''),
      words.review.readInPart('12', `${words.header[1]} : _pk_id, *`),
      words.review.readInPart('12', ''),
      words.review.unreadMore(3),
      words.review.unreadMore(1),
    ];
    for (const note of notes) {
      expect(readFieldLine(note), note).toBeNull();
      expect(readFieldLine(`1. ${note}`), note).toBeNull();
      expect(readHeading(note), note).toBeNull();
      expect(readTableHeader(note, 1), note).toBeNull();
      expect(readParagraphLabel(note)?.category ?? null, note).toBeNull();
    }
    for (const basis of ['', ...Object.values(words.basis)]) {
      const notice = words.notice('demo.opendatasoft.com', '2026-12-01', words.runs.accepted, basis);
      expect(readFieldLine(notice), notice).toBeNull();
      expect(readHeading(notice), notice).toBeNull();
      expect(readParagraphLabel(notice)?.category ?? null, notice).toBeNull();
    }
  });
});

describe('the French draft’s words', () => {
  it('write apostrophes as ’, never as a straight quote', () => {
    const texts = everyText(DRAFT_WORDS.fr);
    expect(texts.length).toBeGreaterThan(60);
    for (const text of texts) expect(text, text).not.toMatch(/'/);
    expect(DRAFT_WORDS.fr.portalHeading).toMatch(/^À quoi servent/);
  });

  it('put a narrow no-break space, never a plain one, before : ; ! ? and inside « »', () => {
    for (const text of everyText(DRAFT_WORDS.fr)) expect(text, text).not.toMatch(/[^\S\u202f][:;!?»]|«[^\S\u202f]/u);
    expect(DRAFT_WORDS.fr.colon).toBe('\u202f:');
    expect(DRAFT_WORDS.fr.review.longer('N', 'O', 'S', 'par la charte')).toContain('la durée «\u202fS\u202f» annoncée');
  });
});
