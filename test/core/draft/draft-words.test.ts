import { describe, expect, it } from 'vitest';
import { readNameCell } from '../../../src/core/charter/cells.ts';
import { readFieldLine } from '../../../src/core/charter/fields.ts';
import { charterTitle, readHeading, readParagraphLabel } from '../../../src/core/charter/sections.ts';
import { readTableHeader } from '../../../src/core/charter/table.ts';
import { DRAFT_LANGUAGES } from '../../../src/core/draft/draft-formats.ts';
import { DRAFT_WORDS } from '../../../src/core/draft/draft-words.ts';
import type { Category } from '../../../src/core/charter/types.ts';

const CATEGORIES: Category[] = ['necessary', 'statistics', 'third-party', 'other'];

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
      words.review.declaredTwice(name),
      words.review.trackerInNecessary(name, 'Provider|Cookie', words.trackerKinds.statistics),
      words.review.unreadable(name),
      words.review.limit(name),
      words.review.more(12),
      words.review.more(1),
      words.review.platformUnseen(name, true),
      words.review.platformUnseen(name, false),
      words.review.originUnknown(name, '.Duration|Provider'),
      words.review.moreOriginUnknown(3),
      words.review.moreOriginUnknown(1),
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
