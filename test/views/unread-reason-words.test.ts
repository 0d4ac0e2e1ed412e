import { describe, expect, it } from 'vitest';
import { unreadReasonWords } from '../../src/views/unread-reason-words.ts';
import { localeTranslate } from '../support/locale-translate.ts';
import type { UnreadReason } from '../../src/core/charter/unread-reason.ts';

const fr = localeTranslate('fr');
const en = localeTranslate('en');
/** Narrow no-break spaces read as spaces. */
const plain = (words: ReturnType<typeof unreadReasonWords>) => (typeof words === 'string' ? words : words.join('')).replace(/\u202f/g, ' ');

describe('unreadReasonWords', () => {
  it('says the columns by their names in the UI language, an ignored one as such', () => {
    const reason: UnreadReason = { kind: 'cells-count', separator: 'pipes', expected: 3, found: 1, columns: ['cookie', null, 'duration'] };
    expect(plain(unreadReasonWords(reason, fr, 'fr'))).toBe(
      '3 cellules entre barres verticales attendues (nom du cookie / (ignorée) / durée), trouvées : 1',
    );
    expect(plain(unreadReasonWords(reason, en, 'en'))).toBe('expected 3 cells between pipes (cookie name / (ignored) / duration), found 1');
  });

  it('gives a token from the page apart from the sentence, to be put in as text, whatever it holds ($1, markup)', () => {
    const words = unreadReasonWords({ kind: 'not-a-name', token: '$1 <b>x</b>', why: 'separators' }, fr, 'fr');
    expect(Array.isArray(words) && words[1]).toBe('$1 <b>x</b>');
    expect(plain(words)).toBe('« $1 <b>x</b> » : pas un nom de cookie (espaces, guillemets ou séparateurs)');
  });

  it('groups numbers as the UI language writes them, and says a count in the singular where that language does', () => {
    expect(plain(unreadReasonWords({ kind: 'parts-left-out', count: 1 }, fr, 'fr'))).toBe('1 autre partie de la cellule non lue');
    expect(plain(unreadReasonWords({ kind: 'parts-left-out', count: 0 }, en, 'en'))).toBe('0 more parts of the cell not read');
    expect(plain(unreadReasonWords({ kind: 'name-cell-too-long', length: 12345, limit: 10000 }, fr, 'fr'))).toBe(
      'cellule de nom de cookie de 12 345 caractères, au-delà de la limite de 10 000 : non lue',
    );
  });
});
