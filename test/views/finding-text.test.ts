import { describe, expect, it } from 'vitest';
import { findingText, findingWords } from '../../src/views/finding-text.ts';
import { parseStatedLifetime } from '../../src/core/report/duration.ts';
import { finding } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

describe('findingText', () => {
  it('words each kind of finding from its data, in the interface’s language', () => {
    const detail = { provider: 'Matomo', category: 'statistics' as const, source: 'known-tracker' as const };
    expect(findingText(finding({ kind: 'undeclared', cookie: '_pk_id', detail }), t, 'en')).toBe('evidenceUndeclared source_known_tracker');
    // Against the platform's default, standing in for a charter not read: not "the site's charter".
    expect(
      findingText(finding({ kind: 'undeclared', cookie: '_pk_id', detail: { ...detail, charter: 'platform-default' } }), t, 'en'),
    ).toBe('evidenceUndeclaredDefault source_known_tracker');
    // On a site with no charter found: not "the site's charter" either.
    expect(findingText(finding({ kind: 'undeclared', cookie: '_pk_id', detail: { ...detail, charter: 'none' } }), t, 'en')).toBe(
      'evidenceUndeclaredNoCharter source_known_tracker',
    );
    expect(
      findingText(
        finding({ kind: 'undeclared', cookie: 'x', detail: { ...detail, charter: 'none', embedded: 'video.example.net' } }),
        t,
        'en',
      ),
    ).toBe('evidenceUndeclaredNoCharterEmbedded video.example.net source_known_tracker');
    const noCharter = finding({ kind: 'undeclared', cookie: 'x', detail: { ...detail, source: 'unknown', charter: 'none' } });
    expect(findingText(noCharter, localeTranslate('fr'), 'fr')).toBe(
      'Vu\u202F; l’extension n’a trouvé aucune charte pour ce site (aucune description trouvée).',
    );
    expect(findingText(noCharter, localeTranslate('en'), 'en')).toBe(
      'Seen; the extension found no charter for this site (no description found).',
    );
    expect(findingText(finding({ kind: 'before-consent', cookie: '_pk_id', detail }), t, 'en')).toBe(
      'evidenceBeforeConsent Matomo categoryOne_statistics',
    );
    expect(findingText(finding({ kind: 'after-refusal', cookie: '_pk_id', detail: { ...detail, how: 'kept' } }), t, 'en')).toBe(
      'evidenceKeptAfterRefusal Matomo categoryOne_statistics',
    );
    expect(findingText(finding({ kind: 'after-refusal', cookie: '_pk_id', detail: { ...detail, how: 'set' } }), t, 'en')).toBe(
      'evidenceSetAfterRefusal Matomo categoryOne_statistics',
    );
    expect(
      findingText(
        finding({ kind: 'after-refusal', cookie: '_ga', detail: { ...detail, provider: 'Google', how: 'set', refused: ['ga'] } }),
        t,
        'en',
      ),
    ).toBe('evidenceSetAfterTrackerRefusal Google categoryOne_statistics Google Analytics (ga=false)');
    expect(
      findingText(
        finding({ kind: 'after-refusal', cookie: 'atuserid', detail: { ...detail, how: 'kept', refused: ['at', 'xiti'] } }),
        t,
        'en',
      ),
    ).toBe('evidenceKeptAfterTrackerRefusal Matomo categoryOne_statistics AT Internet (at=false), XiTi (xiti=false)');
    expect(
      findingText(
        finding({ kind: 'lifetime', cookie: '_ga', detail: { ...detail, stated: '13 mois', actualSeconds: 730 * 86400 } }),
        t,
        'fr',
      ),
    ).toBe('evidenceLifetime 13 mois 2 ans');
    expect(findingText(finding({ kind: 'not-seen', cookie: '_ga', detail: { ...detail, provider: '' } }), t, 'en')).toBe(
      'evidenceNotSeen unknownProvider',
    );
  });

  it('opens a sentence about a cookie of unknown provider with a capital, in both languages', () => {
    const unknown = { provider: '', category: 'other' as const, source: 'unknown' as const };
    const sentences = (language: 'en' | 'fr') => [
      findingText(finding({ kind: 'before-consent', cookie: 'x', detail: unknown }), localeTranslate(language), language),
      findingText(finding({ kind: 'after-refusal', cookie: 'x', detail: { ...unknown, how: 'set' } }), localeTranslate(language), language),
      findingText(
        finding({ kind: 'after-refusal', cookie: 'x', detail: { ...unknown, how: 'kept' } }),
        localeTranslate(language),
        language,
      ),
      findingText(
        finding({ kind: 'after-refusal', cookie: 'x', detail: { ...unknown, how: 'set', refused: ['ga'] } }),
        localeTranslate(language),
        language,
      ),
      findingText(
        finding({ kind: 'after-refusal', cookie: 'x', detail: { ...unknown, how: 'kept', refused: ['ga'] } }),
        localeTranslate(language),
        language,
      ),
    ];
    expect(sentences('en')).toEqual([
      'Cookie from an unknown provider (other), set before the visitor chose.',
      'Cookie from an unknown provider (other), set after the visitor refused.',
      'Cookie from an unknown provider (other), still there after the visitor refused.',
      'Cookie from an unknown provider (other), set after the visitor refused Google Analytics (ga=false).',
      'Cookie from an unknown provider (other), still there after the visitor refused Google Analytics (ga=false).',
    ]);
    for (const sentence of sentences('fr')) expect(sentence).toMatch(/^Cookie d’un prestataire inconnu \(autre\), /);
    // A known provider still opens the sentence.
    const known = { provider: 'Matomo', category: 'statistics' as const, source: 'known-tracker' as const };
    expect(findingText(finding({ kind: 'before-consent', cookie: '_pk_id', detail: known }), localeTranslate('en'), 'en')).toBe(
      'Matomo cookie (statistics), set before the visitor chose.',
    );
  });

  it('says a finding is about embedded content’s cookie, and where, as the export does; one without the field as the site’s own', () => {
    const detail = { provider: 'Google', category: 'statistics' as const, source: 'known-tracker' as const, embedded: 'video.example.net' };
    const unknown = { provider: '', category: 'other' as const, source: 'unknown' as const, embedded: 'video.example.net' };
    const sentences = (language: 'en' | 'fr') =>
      [
        finding({ kind: 'before-consent', cookie: '_ga', detail }),
        finding({ kind: 'after-refusal', cookie: '_ga', detail: { ...detail, how: 'kept' } }),
        finding({ kind: 'after-refusal', cookie: '_ga', detail: { ...detail, how: 'set', refused: ['ga'] } }),
        finding({ kind: 'before-consent', cookie: 'x', detail: unknown }),
        finding({ kind: 'undeclared', cookie: '_ga', detail }),
        finding({ kind: 'undeclared', cookie: '_ga', detail: { ...detail, charter: 'platform-default' } }),
      ].map((each) => findingText(each, localeTranslate(language), language));
    expect(sentences('en')).toEqual([
      'Google cookie (statistics, of embedded content on video.example.net), set before the visitor chose.',
      'Google cookie (statistics, of embedded content on video.example.net), still there after the visitor refused.',
      'Google cookie (statistics, of embedded content on video.example.net), set after the visitor refused Google Analytics (ga=false).',
      'Cookie from an unknown provider (other, of embedded content on video.example.net), set before the visitor chose.',
      "Set by embedded content on video.example.net, not in the site's charter (described by the known-tracker table).",
      "Set by embedded content on video.example.net, not in the platform's default charter, used because the site's own could not be read (described by the known-tracker table).",
    ]);
    expect(sentences('fr')).toEqual([
      'Cookie du prestataire Google (statistiques, d’un contenu intégré sur video.example.net), déposé avant le choix du visiteur.',
      'Cookie du prestataire Google (statistiques, d’un contenu intégré sur video.example.net), toujours présent après le refus du visiteur.',
      'Cookie du prestataire Google (statistiques, d’un contenu intégré sur video.example.net), déposé après que le visiteur a refusé Google Analytics (ga=false).',
      'Cookie d’un prestataire inconnu (autre, d’un contenu intégré sur video.example.net), déposé avant le choix du visiteur.',
      'Déposé par un contenu intégré sur video.example.net, absent de la charte du site (décrit par la table des traceurs connus).',
      'Déposé par un contenu intégré sur video.example.net, absent de la charte par défaut de la plateforme, utilisée faute d’avoir pu lire celle du site (décrit par la table des traceurs connus).',
    ]);
    // A finding stored before the field was: worded as the site's own, as it always was.
    const { embedded: _none, ...own } = detail;
    expect(findingText(finding({ kind: 'before-consent', cookie: '_ga', detail: own }), localeTranslate('en'), 'en')).toBe(
      'Google cookie (statistics), set before the visitor chose.',
    );
  });

  it('names the category of the one cookie it is about, not the plural heading of a group of them', () => {
    const sentence = (language: 'en' | 'fr', category: 'necessary' | 'statistics' | 'third-party' | 'other') =>
      findingText(
        finding({ kind: 'before-consent', cookie: 'x', detail: { provider: 'Matomo', category, source: 'charter' } }),
        localeTranslate(language),
        language,
      );
    expect(sentence('fr', 'necessary')).toBe('Cookie du prestataire Matomo (nécessaire), déposé avant le choix du visiteur.');
    expect(sentence('fr', 'other')).toBe('Cookie du prestataire Matomo (autre), déposé avant le choix du visiteur.');
    expect(sentence('fr', 'third-party')).toBe('Cookie du prestataire Matomo (tiers), déposé avant le choix du visiteur.');
    expect(sentence('en', 'necessary')).toBe('Matomo cookie (necessary), set before the visitor chose.');
    expect(sentence('en', 'third-party')).toBe('Matomo cookie (third party), set before the visitor chose.');
  });

  describe('a lifetime longer than the charter states', () => {
    const DAY = 86400;
    /** The least a said lifetime can mean: a year of 365 days, a month of 28, rounding a day down by half a day. */
    const UNIT_SECONDS: Record<string, number> = { year: 365 * DAY, an: 365 * DAY, month: 28 * DAY, mois: 28 * DAY, day: DAY, jour: DAY };
    function readAs(said: string): number {
      // French puts a no-break space before the unit, and groups thousands with another ("1 234 jours").
      const [, amount, unit] = /^([\d,\s]*\d)\s(year|an|month|mois|day|jour)s?$/.exec(said) ?? [];
      expect(unit, said).toBeDefined();
      return (Number(amount!.replace(/\D/g, '')) - (unit === 'day' || unit === 'jour' ? 0.5 : 0)) * UNIT_SECONDS[unit!]!;
    }
    /** The actual lifetime a lifetime finding says, in the interface's language. */
    const actualSaid = (stated: string, actualSeconds: number, language: string) => {
      const detail = { provider: 'Matomo', category: 'statistics' as const, source: 'charter' as const, stated, actualSeconds };
      return findingText(finding({ kind: 'lifetime', cookie: '_pk_id', detail }), (_key, ...subs) => subs[1] ?? '', language);
    };

    it('never reads as the stated lifetime or less', () => {
      for (const stated of [
        '12 months',
        '1 year',
        '13 mois',
        '1 an',
        '12 mois',
        '6 mois',
        '2 years',
        '2 ans',
        '5 years',
        '30 days',
        '365 days',
        // Days that a number of months can hold: months would read no longer ("3 months" beside "90 days").
        '90 days',
        '183 jours',
        '60 days',
      ]) {
        const limit = parseStatedLifetime(stated);
        if (limit.kind !== 'max') throw new Error(stated);
        // Flagged from a day past the stated lifetime (findings.ts), up to three years past it.
        for (let actual = limit.seconds + DAY + 1; actual < limit.seconds + 3 * 365 * DAY; actual += DAY / 4) {
          for (const language of ['en', 'fr']) {
            const said = actualSaid(stated, Math.round(actual), language);
            expect(readAs(said), `${stated}: ${Math.round(actual / DAY)} days said "${said}"`).toBeGreaterThan(limit.seconds);
          }
        }
      }
    });

    it('says Matomo’s 395 days beside “12 mois” in days, not as one year', () => {
      expect(actualSaid('12 mois', 395 * DAY, 'fr')).toBe('395\u00a0jours');
      expect(actualSaid('1 year', 395 * DAY, 'en')).toBe('395 days');
    });
  });

  it('sets a lifetime finding’s quoted charter words apart, for the page to mark their language; other findings are one text', () => {
    const lifetime = finding({
      kind: 'lifetime',
      cookie: '_pk_id',
      detail: { provider: 'Matomo', category: 'statistics', source: 'charter', stated: '13 mois', actualSeconds: 400 * 86400 },
    });
    const en = localeTranslate('en');
    expect(findingWords(lifetime, en, 'en')).toEqual(['The charter says “', '13 mois', '”; the cookie lives 400 days.']);
    expect(findingWords(lifetime, en, 'en').join('')).toBe(findingText(lifetime, en, 'en'));
    const undeclared = finding({
      kind: 'undeclared',
      cookie: 'x',
      detail: { provider: 'A', category: 'other', source: 'open-cookie-database' },
    });
    expect(findingWords(undeclared, en, 'en')).toEqual([findingText(undeclared, en, 'en')]);
  });

  it('quotes the charter’s stated lifetime in one paragraph: a separator of its table cannot end the text block it is in', () => {
    const stated = '1 jour\u001eאב';
    const lifetime = finding({
      kind: 'lifetime',
      cookie: '_pk_id',
      detail: { provider: 'Matomo', category: 'statistics', source: 'charter', stated, actualSeconds: 400 * 86400 },
    });
    expect(findingWords(lifetime, localeTranslate('fr'), 'fr')[1]).toBe('1 jour\uFFFDאב');
    expect(findingText(lifetime, localeTranslate('fr'), 'fr')).not.toMatch(/[\u001c-\u001e]/);
  });

  it('says a lifetime that cannot be read (NaN seconds) is unknown, never "NaN seconds"', () => {
    const detail = { provider: 'P', category: 'necessary' as const, source: 'charter' as const, stated: '1 an', actualSeconds: Number.NaN };
    expect(findingText(finding({ kind: 'lifetime', cookie: 'b', detail }), localeTranslate('fr'), 'fr')).toBe(
      'La charte indique «\u202f1 an\u202f»\u202f; le cookie dure un temps inconnu.',
    );
    expect(findingText(finding({ kind: 'lifetime', cookie: 'b', detail }), localeTranslate('en'), 'en')).toBe(
      'The charter says “1 an”; the cookie lives an unknown time.',
    );
  });
});
