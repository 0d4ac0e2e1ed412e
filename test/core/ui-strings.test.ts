import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageKey } from '../../src/core/ui-strings.ts';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const locales = Object.fromEntries(
  ['en', 'fr'].map((lang) => [lang, JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages]),
);

describe('_locales', () => {
  it('has the same keys in English and French', () => {
    expect(Object.keys(locales.fr!).sort()).toEqual(Object.keys(locales.en!).sort());
  });

  it('uses only message names browsers accept, and declares every placeholder', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const [key, { message, placeholders = {} }] of Object.entries(messages)) {
        expect(key, `${lang}:${key}`).toMatch(/^[A-Za-z0-9_]+$/);
        expect(message.trim(), `${lang}:${key}`).not.toBe('');
        const used = [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
        expect(used, `${lang}:${key}`).toEqual(Object.keys(placeholders).sort());
      }
    }
  });

  it('writes French with the typographic apostrophe (’), never a straight one', () => {
    const straight = Object.entries(locales.fr!)
      .filter(([, { message }]) => message.includes("'"))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(straight).toEqual([]);
  });

  it('puts a narrow no-break space (U+202F) before French : ; ! ? and inside « », never a plain space or none', () => {
    // A plain space lets the line break before the colon; none at all is English typography.
    // "?" opening a query (« utilisez ?tabId=N ») is not punctuation: only a mark that ends a word is checked.
    const wrong = Object.entries(locales.fr!)
      .filter(([, { message }]) => /(^|[^\u202f])[:;!?](?=\s|$)|«(?!\u202f)|(?<!\u202f)»/.test(message))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(wrong).toEqual([]);
  });

  it('groups thousands in a French message with a narrow no-break space, as Intl does (1 000)', () => {
    expect(new Intl.NumberFormat('fr').format(1000)).toBe('1\u202f000');
    const wrong = Object.entries(locales.fr!)
      .filter(([, { message }]) => /\d[^\S\u202f]\d{3}(?!\d)/.test(message))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(wrong).toEqual([]);
  });

  it('keeps a number and its unit together in French (no plain space to break the line at), as Intl does (30 s, 2 Mo)', () => {
    expect(new Intl.NumberFormat('fr', { style: 'unit', unit: 'second' }).format(30)).toBe('30\u202fs');
    // A number, written or substituted ($SECONDS$), then a unit: a symbol (s, Mo) or « octets » in full.
    const wrong = Object.entries(locales.fr!)
      .filter(([, { message }]) => /(\d|\$[A-Z_]+\$)[^\S\u00a0\u202f](s|ms|min|h|[kKMG]?o|octets?|%)(?![\p{L}\d])/u.test(message))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(wrong).toEqual([]);
  });

  it('never writes French « de » before a provider’s or tracker’s name, which may want « d’ » (AT Internet, Eulerian)', () => {
    const elidable = Object.entries(locales.fr!)
      .filter(([, { message }]) => /\b(de|le|que) \$(PROVIDER|TRACKERS?|SERVICE)\$/i.test(message))
      .map(([key, { message }]) => `${key}: ${message}`);
    expect(elidable).toEqual([]);
  });

  /** French messages, with their key, whose English twin's words (placeholders aside) match `english` but which do not match `french`. */
  const frenchNotSaying = (english: RegExp, french: RegExp) =>
    Object.entries(locales.en!)
      .filter(([key, { message }]) => english.test(message.replace(/\$\w+\$/g, '')) && !french.test(locales.fr![key]!.message))
      .map(([key]) => `${key}: ${locales.fr![key]!.message}`);

  it('calls a recorded run « parcours » in French, as « Enregistrer le parcours de consentement » does, not « enregistrement »', () => {
    // « Enregistrement » is the recording itself: « l’enregistrement 2 a accepté » read as the act, not the run.
    expect(frenchNotSaying(/\b([Rr]un \d|this run|[Tt]hese runs|[Tt]wo runs)\b/, /\b[Pp]arcours\b/)).toEqual([]);
  });

  it('calls a tracker « traceur » in French wherever English says tracker, not « outil » in some places', () => {
    expect(frenchNotSaying(/\btrackers?\b/i, /\btraceurs?\b/)).toEqual([]);
  });

  it('says « supprimé » in French for whatever was dropped (events, cookies, sites), never « abandonné » for some', () => {
    expect(frenchNotSaying(/\bdropped\b/, /supprimée?s?/)).toEqual([]);
    expect(Object.entries(locales.fr!).filter(([, { message }]) => /abandonn/i.test(message))).toEqual([]);
  });

  it('says in French what was translated word for word before (« Vu d’abord », « le cookie vit », « Choix fait »)', () => {
    const french = (key: string) => locales.fr![key]!.message.replace(/[\u00a0\u202f]/g, ' ');
    expect(french('firstPhase')).toBe('Première apparition : $PHASE$');
    expect(french('evidenceLifetime')).toBe('La charte indique « $STATED$ » ; le cookie dure $ACTUAL$.');
    expect(french('choiceMade')).toBe('Choix effectué : $STATE$');
    expect(french('choiceRemoved')).toBe('Choix supprimé : le bandeau s’affiche de nouveau');
    expect(french('noAnswerWithin')).toBe('le service de l’extension n’a pas répondu dans les $SECONDS$ s');
    expect(french('embeddedExplain')).toMatch(/^Demande l’accès à tous les sites et le droit de voir quel onglet charge quoi, /);
    expect(french('enableDevtoolsDone')).toMatch(/ sera dans DevTools la prochaine fois que vous l’ouvrirez\.$/);
  });

  it('has a message for every value the popup names by messageKey', () => {
    const values: Array<[Parameters<typeof messageKey>[0], string[]]> = [
      ['category', ['necessary', 'statistics', 'third-party', 'other']],
      ['categoryOne', ['necessary', 'statistics', 'third-party', 'other']],
      ['finding', ['before-consent', 'after-refusal', 'undeclared', 'lifetime', 'not-seen']],
      ['status', ['declared', 'undeclared', 'not-seen']],
      ['via', ['response', 'frame']],
      ['phase', ['before-choice', 'after-accept', 'after-refuse', 'after-choice', 'unknown', 'choice-unreadable']],
      ['consent', ['none', 'accepted', 'refused', 'choice', 'unknown']],
      ['event', ['set', 'changed', 'removed']],
      ['source', ['charter', 'known-tracker', 'open-cookie-database', 'unknown']],
      ['field', ['provider', 'service', 'purpose', 'duration', 'category']],
    ];
    for (const [prefix, list] of values) {
      for (const value of list) {
        for (const messages of Object.values(locales))
          expect(messages, messageKey(prefix, value)).toHaveProperty(messageKey(prefix, value));
      }
    }
  });
});
