import { describe, expect, it } from 'vitest';
import {
  cookieLabel,
  draftSections,
  noticeText,
  portalUrl,
  reviewItems,
  rowRemarks,
  SET_ASIDE_LISTED,
} from '../../../src/core/draft/draft-layout.ts';
import { DRAFT_WORDS } from '../../../src/core/draft/draft-words.ts';
import type { CharterDraft, DraftRow } from '../../../src/core/draft/draft-types.ts';
import { charterDraft } from '../../support/drafts.ts';

const row = (cookie: string, overrides: Partial<DraftRow> = {}, category: DraftRow['entry']['category'] = 'statistics'): DraftRow => ({
  entry: { provider: 'Matomo', service: null, cookie, match: 'exact', purpose: 'Mesure', duration: '13 mois', category },
  marks: [],
  source: 'charter',
  statedDuration: null,
  ...overrides,
});

/** The shared draft (test/support/drafts.ts), in English. */
const draft = (rows: DraftRow[], overrides: Partial<CharterDraft> = {}): CharterDraft =>
  charterDraft(rows, { language: 'en', ...overrides });

describe('draft layout', () => {
  it('orders sections necessary, statistics, third-party, other, and leaves out empty ones', () => {
    const sections = draftSections(draft([row('_ga'), row('x', {}, 'other'), row('sessionid', {}, 'necessary')]));
    expect(sections.map((s) => [s.category, s.rows.map((r) => r.entry.cookie)])).toEqual([
      ['necessary', ['sessionid']],
      ['statistics', ['_ga']],
      ['other', ['x']],
    ]);
  });

  it('writes prefixes with a star, and remarks in parentheses', () => {
    expect(cookieLabel({ cookie: '_pk_id.', match: 'prefix' })).toBe('_pk_id.*');
    expect(cookieLabel({ cookie: '_ga', match: 'exact' })).toBe('_ga');
    expect(rowRemarks(row('_ga', { marks: ['duration-observed', 'moved-to-necessary'] }), DRAFT_WORDS.fr)).toEqual([
      '(durée observée)',
      '(déplacé\u202f: cookie de la plateforme)',
    ]);
  });

  it('names the portal only by a plain host name', () => {
    expect(portalUrl('Demo.OpenDataSoft.com')).toBe('https://demo.opendatasoft.com');
    expect(portalUrl('evil.example> <b')).toBeNull();
    expect(portalUrl('-x')).toBeNull();
  });

  it('says when and after which choices the cookies were observed', () => {
    const both = draft([], { consents: ['accepted', 'refused'] });
    expect(noticeText(both, 'HOST')).toContain('observed on HOST on 2026-12-01 (after accepting cookies and after refusing cookies)');
    expect(noticeText(draft([], { language: 'fr', consents: [] }), 'H')).toContain('(sans choix de consentement lisible)');
  });

  it('dates a French notice in French prose, "1er" on the first of the month, and an English one as ISO', () => {
    expect(noticeText(draft([], { language: 'fr' }), 'H')).toContain('observés sur H le 1er décembre 2026 (');
    expect(noticeText(draft([], { language: 'fr', generatedAt: Date.UTC(2027, 6, 14, 23, 30) }), 'H')).toContain(' le 14 juillet 2027 (');
    expect(noticeText(draft([], { language: 'fr', generatedAt: Date.UTC(2027, 1, 1) }), 'H')).toContain(' le 1er février 2027 (');
    expect(noticeText(draft([]), 'H')).toContain('observed on H on 2026-12-01 (');
  });

  it('says once how two runs that ended alike ended', () => {
    expect(noticeText(draft([], { consents: ['none', 'none'] }), 'HOST')).toContain('(before any consent choice).');
    expect(noticeText(draft([], { language: 'fr', consents: ['refused', 'none', 'refused'] }), 'H')).toContain(
      '(après refus des cookies et avant tout choix de consentement).',
    );
  });

  it('lists a note per mark in row order, then the cookies set aside, escaped by the format', () => {
    const items = reviewItems(
      draft(
        [
          row('_pk_id.', { marks: ['duration-observed'], statedDuration: '6 mois' }),
          row('_ga', { marks: ['duration-observed'], statedDuration: null }),
          row('x', { marks: ['to-review', 'moved-to-necessary'], source: 'known-tracker' }),
          row('old', { marks: ['not-observed'] }),
        ],
        { setAside: [{ name: 'a b', reason: 'unreadable' }] },
      ),
      (text) => `[${text}]`,
      (words) => `*${words}*`,
    );
    expect(items).toEqual([
      'Longer than declared: [_pk_id.] lived [13 mois], longer than the charter\'s "[6 mois]". The observed duration replaces it: check it is the lifetime you mean to state.',
      'Duration added: the charter gives no duration for [_ga], so the observed one ([13 mois]) is written. Check it is the lifetime you mean to state.',
      'To review: [x] ([Matomo]) was observed but the charter does not declare it. It is added with the duration observed and a purpose from the known-tracker table. Check its purpose and its category.',
      "Moved: [x] is one of the platform's own cookies, always strictly necessary. It is filed with them.",
      'Not observed: [old] ([Matomo]) is declared but was not seen during the audit. Keep it only if it is still used.',
      'Not written: [a b] cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
    ]);
  });

  it('names a cookie set aside with an empty name in words set apart, in the draft’s language, unlike one named so', () => {
    for (const [language, words] of [
      ['en', '(no name)'],
      ['fr', '(sans nom)'],
    ] as const) {
      const setAside = [
        { name: '', reason: 'unreadable' as const },
        { name: words, reason: 'unreadable' as const },
      ];
      const notes = [{ kind: 'origin-unknown' as const, name: '', domain: '.example.org' }];
      const items = reviewItems(
        draft([], { language, setAside, notes }),
        (text) => `[${text}]`,
        (shown) => `*${shown}*`,
      );
      expect(items).toHaveLength(3);
      expect(items[0]).toContain(` *[${words}]* (`);
      expect(items[1]).toContain(` *[${words}]* `);
      expect(items[2]).toContain(` [${words}] `);
    }
  });

  it('shows the invisible and control characters of a name to declare by hand as code points', () => {
    const setAside = [
      { name: 'zero\u200Bwidth', reason: 'unreadable' as const },
      { name: 'line\nbreak\r\ttab', reason: 'unreadable' as const },
      { name: 'no\u00A0break\u2028sep\uFEFF\u00AD', reason: 'unreadable' as const },
      { name: 'tag\u{E0041}\u202Ebidi', reason: 'unreadable' as const },
      { name: '_g\u034Fa\uFE0F\u2800', reason: 'unreadable' as const },
    ];
    const notes = [{ kind: 'origin-unknown' as const, name: 'x\u2060y', domain: '.example\u200C.org' }];
    expect(reviewItems(draft([], { setAside, notes }), String, String)).toEqual([
      'Origin unknown, not added: x<U+2060>y (.example<U+200C>.org) was seen on a parent domain that other sites open at the same time share, and nothing shows this portal set it. Declare it only if it did.',
      'Not written: zero<U+200B>width cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
      'Not written: line<U+000A>break<U+000D><U+0009>tab cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
      'Not written: no<U+00A0>break<U+2028>sep<U+FEFF><U+00AD> cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
      'Not written: tag<U+E0041><U+202E>bidi cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
      'Not written: _g<U+034F>a<U+FE0F><U+2800> cannot be written in a charter table so that it reads back as this name. Declare it by hand.',
    ]);
  });

  it('shows a `<` beginning `<U+` as its code, so a name holding the text `<U+200B>` is not listed as one holding U+200B', () => {
    const setAside = ['zero<U+200B>width', 'zero\u200Bwidth', '<b>'].map((name) => ({ name, reason: 'unreadable' as const }));
    const items = reviewItems(draft([], { setAside }), String, String);
    expect(items[0]).toContain(': zero<U+003C>U+200B>width cannot');
    expect(items[1]).toContain(': zero<U+200B>width cannot');
    expect(items[2]).toContain(': <b> cannot');
  });

  it('shows the spaces a format would merge or trim, so `a  b` is not listed as `a b`', () => {
    const setAside = [' a  b ', 'a b'].map((name) => ({ name, reason: 'unreadable' as const }));
    const items = reviewItems(draft([], { setAside }), String, String);
    expect(items[0]).toContain(': <U+0020>a <U+0020>b<U+0020> cannot');
    expect(items[1]).toContain(': a b cannot');
  });

  it('cuts a name shown by code points at 200 characters, never inside one', () => {
    const [item] = reviewItems(draft([], { setAside: [{ name: `${'n'.repeat(195)}\u200B\u200B`, reason: 'limit' }] }), String, String);
    expect(item).toContain(` ${'n'.repeat(195)}… `);
    const [exact] = reviewItems(draft([], { setAside: [{ name: `${'n'.repeat(192)}\u200B`, reason: 'limit' }] }), String, String);
    expect(exact).toContain(` ${'n'.repeat(192)}<U+200B> `);
  });

  it('says in French whose stated duration the observed one replaces', () => {
    const longer = [row('_ga', { marks: ['duration-observed'], statedDuration: 'Session' })];
    expect(reviewItems(draft(longer, { language: 'fr' }), String, String)).toEqual([
      'Durée dépassée\u202f: _ga a vécu 13 mois, plus que la durée «\u202fSession\u202f» annoncée par la charte. La durée observée la remplace\u202f: vérifiez que c’est bien celle à annoncer.',
    ]);
    expect(reviewItems(draft(longer, { language: 'fr', charterKind: 'platform-default' }), String, String)[0]).toContain(
      'plus que la durée «\u202fSession\u202f» annoncée par la politique cookies de la plateforme.',
    );
  });

  it('says a French draft’s purpose from an English source is in English', () => {
    const [item] = reviewItems(
      draft([row('x', { marks: ['to-review'], source: 'open-cookie-database' })], { language: 'fr' }),
      String,
      String,
    );
    expect(item).toContain('tirée de l’Open Cookie Database (en anglais, à traduire)');
  });

  it('says no source gives the purpose of an added cookie when none does, rather than naming "no source" as one', () => {
    const rows = [
      row('x', { marks: ['to-review'], source: 'unknown' }),
      row('y', { marks: ['to-review'], source: 'unknown', embeddedBy: ['embed.example'] }),
    ];
    expect(reviewItems(draft(rows, { language: 'fr' }), String, String)).toEqual([
      'À vérifier\u202f: x (Matomo) a été observé mais la charte ne le déclare pas. Il est ajouté avec la durée observée\u202f; aucune source ne donne sa finalité\u202f: décrivez-la, puis vérifiez sa catégorie.',
      'À vérifier\u202f: y (Matomo) a été déposé par un contenu intégré au portail (embed.example) mais la charte ne le déclare pas. Il est ajouté aux cookies tiers avec la durée observée\u202f; aucune source ne donne sa finalité\u202f: décrivez-la, puis vérifiez que ce contenu est bien intégré au portail.',
    ]);
    expect(reviewItems(draft(rows), String, String)).toEqual([
      'To review: x (Matomo) was observed but the charter does not declare it. It is added with the duration observed; no source gives its purpose: describe it, then check its category.',
      'To review: y (Matomo) was set by content embedded in the portal (embed.example) but the charter does not declare it. It is added to the third-party cookies with the duration observed; no source gives its purpose: describe it, then check that this content is indeed embedded in the portal.',
    ]);
  });

  it('names at most 200 cookies set aside, each cut to 200 characters, and counts the others', () => {
    const setAside = Array.from({ length: SET_ASIDE_LISTED + 3 }, (_, i) => ({ name: `${'n'.repeat(300)}${i}`, reason: 'limit' as const }));
    const items = reviewItems(draft([], { setAside }), String, String);
    expect(items).toHaveLength(SET_ASIDE_LISTED + 1);
    expect(items[0]).toContain(`${'n'.repeat(200)}…`);
    expect(items.at(-1)).toBe('Not written: 3 more cookies are neither written nor listed here. Declare them by hand.');
  });

  it('says when the platform sets its own cookies that were not seen, after the marks’ notes', () => {
    const items = reviewItems(
      draft([row('old', { marks: ['not-observed'] })], {
        language: 'fr',
        notes: [
          { kind: 'platform-unseen', name: 'django_language' },
          { kind: 'platform-unseen', name: 'csrftoken' },
        ],
      }),
      (text) => `[${text}]`,
      (words) => `*${words}*`,
    );
    expect(items.slice(1)).toEqual([
      'Non observé\u202f: [django_language] n’a pas été vu, mais la plateforme ne le dépose que sur les portails proposés en plusieurs langues. Gardez-le si ce portail l’est.',
      'Non observé\u202f: [csrftoken] n’a pas été vu, mais c’est un des cookies que la plateforme dépose elle-même, selon les pages visitées et les choix du visiteur. Il reste déclaré.',
    ]);
  });

  it('lists cookies of unknown origin after the rows’ notes and before those set aside, at most 200, and counts the others', () => {
    const notes = Array.from({ length: SET_ASIDE_LISTED + 2 }, (_, i) => ({
      kind: 'origin-unknown' as const,
      name: `${'n'.repeat(300)}${i}`,
      domain: '.example.org',
    }));
    const items = reviewItems(
      draft([row('old', { marks: ['not-observed'] })], { notes, setAside: [{ name: 'a b', reason: 'unreadable' }] }),
      (text) => `[${text}]`,
      (words) => `*${words}*`,
    );
    expect(items).toHaveLength(1 + SET_ASIDE_LISTED + 1 + 1);
    expect(items[0]).toMatch(/^Not observed: \[old\]/);
    expect(items[1]).toBe(
      `Origin unknown, not added: [${'n'.repeat(200)}…] ([.example.org]) was seen on a parent domain that other sites open at the same time share, and nothing shows this portal set it. Declare it only if it did.`,
    );
    expect(items.at(-2)).toBe('Origin unknown, not added: 2 more cookies are not listed here.');
    expect(items.at(-1)).toMatch(/^Not written: \[a b\]/);
  });

  it('says in French why a cookie set aside is not in the tables', () => {
    const setAside = [
      { name: 'a b', reason: 'unreadable' as const },
      { name: 'late', reason: 'limit' as const },
    ];
    expect(reviewItems(draft([], { setAside, language: 'fr' }), String, String)).toEqual([
      'Non inscrit\u202f: a b ne peut pas être écrit dans un tableau de charte de façon à être relu sous ce nom. Déclarez-le à la main.',
      'Non inscrit\u202f: late viendrait après la dernière ligne qu’une charte peut contenir pour être lue. Déclarez-le à la main.',
    ]);
  });

  it('counts one cookie past the list in the singular, in both languages', () => {
    const setAside = Array.from({ length: SET_ASIDE_LISTED + 1 }, (_, i) => ({ name: `n${i}`, reason: 'limit' as const }));
    expect(reviewItems(draft([], { setAside }), String, String).at(-1)).toBe(
      'Not written: 1 more cookie is neither written nor listed here. Declare it by hand.',
    );
    expect(reviewItems(draft([], { setAside, language: 'fr' }), String, String).at(-1)).toBe(
      'Non inscrit\u202f: 1 autre cookie n’est ni inscrit ni listé ici. Déclarez-le à la main.',
    );
    expect(reviewItems(draft([], { setAside: [...setAside, ...setAside], language: 'fr' }), String, String).at(-1)).toBe(
      'Non inscrit\u202f: 202 autres cookies ne sont ni inscrits ni listés ici. Déclarez-les à la main.',
    );
  });
});
