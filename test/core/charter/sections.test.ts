import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SectionTracker,
  categoryOfHeading,
  detectLanguage,
  findPortal,
  hostOfUrl,
  charterTitle,
  couldTitleSection,
  opensLikeSentence,
  readHeading,
  readLabels,
  readParagraphLabel,
  titlesOtherSection,
} from '../../../src/core/charter/sections.ts';
import { readCharter } from '../../../src/core/charter/parse.ts';

describe('categoryOfHeading', () => {
  it.each([
    ['Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels', 'necessary'],
    ['Cookies fonctionnels', 'necessary'],
    ['Strictly necessary cookies', 'necessary'],
    ['Cookies statistiques', 'statistics'],
    ['Cookies de mesure d’audience', 'statistics'],
    ['Analytics and stats', 'statistics'],
    // "Performance" is the ICC UK Cookie Guide's name for analytics cookies; French
    // charters say "outils de mesure" for audience measurement.
    ['Cookies de performance', 'statistics'],
    ['Performance cookies', 'statistics'],
    ['Outils de mesure', 'statistics'],
    ['Cookies de mesure', 'statistics'],
    ['Cookies nécessaires aux performances du site', 'necessary'],
    ['Cookies tiers', 'third-party'],
    ['Third party cookies', 'third-party'],
    ['Third-party services', 'third-party'],
    ['Autres cookies', 'other'],
  ] as const)('“%s” is %s', (heading, category) => {
    expect(categoryOfHeading(heading)).toBe(category);
  });

  it.each([
    'Cookies de fonctionnement',
    'Cookies de fonctionnement du site',
    'Cookies liés au fonctionnement de la plateforme',
    'Traceurs de bon fonctionnement',
    'Cookies nécessaires au fonctionnement',
    'Cookies indispensables au fonctionnement du portail',
    'Operational cookies',
  ])('files “%s”, the cookies the site works with, as necessary', (heading) => {
    expect(categoryOfHeading(heading)).toBe('necessary');
  });

  it.each([
    ['Cookies de mesure d’audience', 'statistics'],
    ['Cookies de mesure du fonctionnement du site', 'statistics'],
    ['Cookies tiers', 'third-party'],
    ['Cookies publicitaires', null],
    ['Cookies de réseaux sociaux', null],
    ['Cookies de personnalisation', null],
    ['Cookies de session', null],
    ['Cookies non nécessaires au fonctionnement', 'other'],
    ['Cookies qui ne sont pas nécessaires au fonctionnement du site', 'other'],
    ['Operational analytics', 'statistics'],
  ] as const)('never files “%s”, a tracker’s or a session’s heading, as necessary (%s)', (heading, category) => {
    expect(categoryOfHeading(heading)).toBe(category);
  });

  it.each([
    'Cookies non nécessaires',
    'Non-essential cookies',
    'Non-necessary cookies',
    'Cookies non indispensables',
    'Cookies soumis à consentement (non obligatoires)',
    'Optional cookies (not required)',
    'Cookies non requis',
    'Cookies qui ne sont pas requis',
    'Cookies optionnels',
    'Cookies facultatifs',
    'Cookies qui ne sont pas strictement nécessaires',
  ])('files “%s”, which negates necessary, as other, never necessary', (heading) => {
    expect(categoryOfHeading(heading)).toBe('other');
  });

  it('keeps the category a negated heading also names', () => {
    expect(categoryOfHeading('Analytics cookies (not essential)')).toBe('statistics');
    expect(categoryOfHeading('Cookies tiers non indispensables')).toBe('third-party');
    expect(categoryOfHeading('Cookies strictement nécessaires non soumis au consentement')).toBe('necessary');
  });

  it.each([
    'Cookies de mesure d’audience exemptés de consentement',
    'Mesure d’audience exemptée du recueil du consentement',
    'Cookies dispensés de consentement',
    'Cookies ne nécessitant pas de consentement',
    'Traceurs qui ne nécessitent pas votre consentement',
    'Cookies de mesure d’audience non soumis au consentement',
    'Cookies déposés sans consentement',
    'Analytics cookies exempt from consent',
    'Cookies that do not require consent',
    'Cookies that don’t require your consent',
    'Analytics (no consent required)',
    'Consent-exempt analytics',
    'Cookies strictement nécessaires (consentement non requis)',
    'Cookies de mesure d’audience (consentement non requis)',
    'Cookies nécessaires : consentement pas nécessaire',
    'Cookies de mesure d’audience exonérés de consentement',
    'Cookies exonéré du consentement',
    'Traceurs exonérés du recueil du consentement',
    'Cookies qui n’ont pas besoin de votre consentement',
    'Audience measurement cookies that do not need consent',
    'Cookies that don’t need your consent',
    'Analytics cookies that do not require consent',
    'Analytics cookies not requiring consent',
    'Analytics cookies not needing prior consent',
    'Analytics cookies requiring no consent',
    'Analytics cookies (no need for consent)',
  ])('files “%s”, which says its cookies need no consent, as necessary', (heading) => {
    expect(categoryOfHeading(heading)).toBe('necessary');
  });

  it.each([
    ['Cookies soumis à consentement', null],
    ['Cookies de mesure d’audience soumis à consentement', 'statistics'],
    ['Cookies nécessitant votre consentement', null],
    ['Cookies de mesure d’audience nécessitant votre consentement', 'statistics'],
    ['Cookies de mesure d’audience non exemptés de consentement', 'statistics'],
    ['Analytics cookies not exempt from consent', 'statistics'],
    ['Cookies requiring your consent', null],
    ['Cookies jamais déposés sans votre consentement', null],
    ['Cookies qui ne sont pas déposés sans votre consentement', null],
    ['Cookies de mesure d’audience qui nécessitent votre consentement', 'statistics'],
    ['Cookies de mesure d’audience non exonérés de consentement', 'statistics'],
    ['Cookies de mesure d’audience qui ne sont pas exonérés de consentement', 'statistics'],
    ['Analytics cookies that require your consent', 'statistics'],
    ['Analytics cookies that need your consent', 'statistics'],
    ['Analytics cookies that do need consent', 'statistics'],
  ] as const)('does not read “%s” as exempt from consent (%s)', (heading, category) => {
    expect(categoryOfHeading(heading)).toBe(category);
  });

  it('reads 100,000 characters of exemption-like words that never reach "consentement" (linear: a quadratic reading would time out)', () => {
    for (const words of [
      'exemptés de ',
      'ne nécessitent ',
      'sans recueil de ',
      'non soumis aux ',
      'do not require the ',
      'exonérés de ',
      'do not need the ',
      'n’ont pas besoin de ',
    ]) {
      expect(categoryOfHeading(words.repeat(Math.ceil(100_000 / words.length)))).not.toBe('necessary');
    }
  });

  it.each([
    ['Audience measurement cookies (consent required)', 'statistics'],
    ['Analytics cookies – your consent is required', 'statistics'],
    ['Cookies de mesure d’audience (consentement obligatoire)', 'statistics'],
    ['Cookies de mesure d’audience soumis à consentement obligatoire', 'statistics'],
    ['Cookies statistiques : consentement préalable requis', 'statistics'],
    ['Cookies tiers (recueil obligatoire du consentement)', 'third-party'],
    ['Cookies de mesure d’audience (votre accord est obligatoire)', 'statistics'],
    ['Cookies soumis à votre consentement préalable obligatoire', null],
    ['Advertising cookies (prior consent required)', null],
    ['Cookies dont votre accord préalable est requis', null],
    ['Cookies pour lesquels votre choix est requis', null],
    ['Cookies publicitaires (opt-in requis)', null],
  ] as const)('does not read “%s”, whose required word qualifies consent, as necessary (%s)', (heading, category) => {
    expect(categoryOfHeading(heading)).toBe(category);
  });

  it.each([
    'Cookies strictement nécessaires',
    'Required cookies',
    'Cookies obligatoires',
    'Cookies requis',
    'Cookies requis au fonctionnement du site',
    'Cookies techniquement requis',
    'Cookies absolument requis',
    'Cookies de session requis',
    'Cookies\u00a0requis',
    'Strictly necessary cookies (no consent required)',
    'Cookies nécessaires (aucun consentement requis)',
  ])('still reads “%s” as necessary', (heading) => {
    expect(categoryOfHeading(heading)).toBe('necessary');
  });

  it.each([
    'Technical cookies',
    'Strictly technical cookies',
    'Technical session cookies',
    'Mandatory cookies',
    'Cookies that are mandatory',
    'Mandatory cookies (no opt-in)',
    'Cookies obligatoires',
    'Cookies techniques',
  ])(
    'reads “%s”, English for the known “Cookies techniques” and “Cookies obligatoires”, as necessary (a review’s false alarm: AWSALB under “**Technical cookies**” filed as other)',
    (heading) => {
      expect(categoryOfHeading(heading)).toBe('necessary');
    },
  );

  it.each([
    ['Non-technical cookies', 'other'],
    ['Cookies non techniques', 'other'],
    ['Non-mandatory cookies', 'other'],
    ['Non-functional cookies', 'other'],
    ['Technical information', null],
    ['Advertising cookies (consent mandatory)', null],
    ['Advertising cookies (opt-in mandatory)', null],
    ['Advertising cookies: mandatory opt-in', null],
    ['Marketing cookies - mandatory opt-in', null],
    ['Marketing cookies – mandatory opt-in', null],
    ['Advertising cookies - opt-in mandatory', null],
    ['Advertising cookies opt-in mandatory', null],
    ['Tracking cookies with mandatory opt-in', null],
    ['Cookies publicitaires - opt-in obligatoire', null],
    ['Traceurs - opt-in requis', null],
    ['Analytics trackers - mandatory opt-in', 'statistics'],
  ] as const)(
    'never reads “%s”, whose technical or mandatory word is negated or not about the cookies, as necessary (%s)',
    (heading, category) => {
      expect(categoryOfHeading(heading)).toBe(category);
    },
  );

  it('files a Matomo cookie under a heading saying consent is required as statistics, so setting it before consent is a finding', () => {
    const text = [
      'Charte cookies',
      '',
      '## Cookies de mesure d’audience (consentement obligatoire)',
      '',
      'Nom du prestataire\tNom du cookie\tDurée\tFinalité',
      'Matomo\t_pk_id.*\t13 mois\tMesure d’audience',
    ].join('\n');
    expect(readCharter(text).entries.map((entry) => entry.category)).toEqual(['statistics']);
  });

  it('reads 100,000 characters of consent-and-required words in linear time', () => {
    for (const words of [
      'consentement est préalable ',
      'consent is ',
      'obligatoire de votre ',
      'required consent ',
      'cookies de session ',
      'cookies ',
      'technical ',
      'mandatory session ',
      'cookies - mandatory opt-in ',
    ]) {
      expect(categoryOfHeading(words.repeat(Math.ceil(100_000 / words.length)))).not.toBeUndefined();
    }
    // "Cookies … requis" looks two words on: a word of 100,000 letters after each "cookies" is read once.
    expect(categoryOfHeading(`cookies ${'a'.repeat(100_000)} cookies ${'b'.repeat(100_000)} requis`)).not.toBeUndefined();
    expect(categoryOfHeading(`technical ${'a'.repeat(100_000)} ${'b'.repeat(100_000)} cookies mandatory`)).not.toBeUndefined();
  });

  it.each(['Cookies d’analyse', 'Analytical cookies', 'Analytics cookies', 'Cookies analytiques'])(
    'reads “%s” as statistics',
    (heading) => {
      expect(categoryOfHeading(heading)).toBe('statistics');
    },
  );

  it('names nothing for other wording', () => {
    expect(categoryOfHeading('Charte cookies')).toBeNull();
    expect(categoryOfHeading('A quoi servent les cookies sur la plateforme <https://stats.example.org>')).toBeNull();
  });
});

describe('readHeading', () => {
  it.each([
    'Ces cookies ne sont déposés qu’après votre consentement',
    'Ces cookies ne sont pas nécessaires au fonctionnement du site',
    'These cookies are only set once you have given your consent',
  ])('does not take “%s”, a section’s description without a full stop, for a heading', (line) => {
    expect(readHeading(line)).toBeNull();
  });

  it('reads markdown headings with their level, closing hashes dropped', () => {
    expect(readHeading('#### Cookies nécessaires au bon fonctionnement')).toEqual({
      text: 'Cookies nécessaires au bon fonctionnement',
      level: 4,
      category: 'necessary',
    });
    expect(readHeading('## Charte cookies ##')).toEqual({ text: 'Charte cookies', level: 2, category: null });
    expect(readHeading('### Matomo')).toEqual({ text: 'Matomo', level: 3, category: null });
  });

  it('reads plain and bold lines about cookies', () => {
    expect(readHeading('Cookies statistiques')).toEqual({ text: 'Cookies statistiques', level: null, category: 'statistics' });
    expect(readHeading('**Analytics and stats**')).toEqual({ text: 'Analytics and stats', level: null, category: 'statistics' });
    expect(readHeading('Qu’est ce qu’un cookie ?')).toEqual({ text: 'Qu’est ce qu’un cookie ?', level: null, category: null });
  });

  it('leaves prose, list items, unrelated lines and table rows alone', () => {
    expect(readHeading('Les cookies « statistiques » permettent de suivre les actions d’un internaute.')).toBeNull();
    expect(readHeading('Il existe plusieurs types de cookies :')).toBeNull();
    expect(readHeading('- Cookies statistiques')).toBeNull();
    expect(readHeading('Download as PDF')).toBeNull();
    expect(readHeading('Matomo')).toBeNull();
    expect(readHeading('Matomo\tStatistiques\t_pk_id\tMesure d’audience')).toBeNull();
  });
});

describe('readLabels', () => {
  it('gives readParagraphLabel’s reading as `paragraph`', () => {
    for (const line of [
      'Strictly necessary cookies: These cookies are necessary.',
      'Analytics: we use Matomo.',
      'User experience: These cookies remember your settings.',
      'Nom du cookie : _pk_id',
      'Cookies statistiques',
      '',
    ]) {
      expect(readLabels(line).paragraph).toEqual(readParagraphLabel(line));
    }
  });

  it('reads as `category` a paragraph label that names a category without the word “cookies”', () => {
    expect(readLabels('Analytics: we use Matomo to measure the audience.').category).toEqual({
      text: 'Analytics',
      level: null,
      category: 'statistics',
    });
    expect(readLabels('Mesure d’audience : nous utilisons Matomo.').category?.category).toBe('statistics');
  });

  it('reads no `category` from a label naming no category, or from prose', () => {
    expect(readLabels('Note: we use Matomo.').category).toBeNull();
    expect(readLabels('Durée : 13 mois').category).toBeNull();
    expect(readLabels('We use Matomo to measure the audience of the portal').category).toBeNull();
  });
});

describe('readParagraphLabel', () => {
  it.each([
    ['Strictly necessary cookies: These cookies are necessary to keep you signed in.', 'Strictly necessary cookies', 'necessary'],
    ['Cookies strictement nécessaires : Ces cookies sont indispensables.', 'Cookies strictement nécessaires', 'necessary'],
    ['Functional cookies: always on.', 'Functional cookies', 'necessary'],
    ['Audience measurement cookies: These cookies count visits.', 'Audience measurement cookies', 'statistics'],
    ['Cookies de mesure d’audience : ils comptent les visites.', 'Cookies de mesure d’audience', 'statistics'],
    ['Analytics cookies: we use Matomo.', 'Analytics cookies', 'statistics'],
    ['Cookies statistiques :', 'Cookies statistiques', 'statistics'],
    ['Third-party cookies: These cookies are set by other services.', 'Third-party cookies', 'third-party'],
    ['Cookies tiers : déposés par des services externes.', 'Cookies tiers', 'third-party'],
    ['**Statistics cookies:** These cookies measure the audience.', 'Statistics cookies', 'statistics'],
    ['- **Cookies tiers :** Mapbox, Disqus', 'Cookies tiers', 'third-party'],
  ] as const)('reads “%s”', (line, text, category) => {
    expect(readParagraphLabel(line)).toEqual({ text, level: null, category });
  });

  it('takes a label naming no category for an other section only when the sentence introduces cookies', () => {
    expect(readParagraphLabel('User experience: These cookies remember your settings.')).toEqual({
      text: 'User experience',
      level: null,
      category: null,
    });
    expect(readParagraphLabel('Personnalisation : ces cookies retiennent vos réglages.')).toEqual({
      text: 'Personnalisation',
      level: null,
      category: null,
    });
    expect(readParagraphLabel('User experience: we keep your settings.')).toBeNull();
  });

  it('leaves prose, field lines and long labels alone', () => {
    expect(readParagraphLabel('Last updated: 29 September 2025')).toBeNull();
    expect(readParagraphLabel('Translated to English:')).toBeNull();
    expect(readParagraphLabel('Pour en savoir plus sur les cookies : https://www.cnil.fr/')).toBeNull();
    expect(readParagraphLabel('Il existe plusieurs types de cookies :')).toBeNull();
    expect(readParagraphLabel(`${'Les cookies nécessaires que nous utilisons sur cette plateforme ouverte '.repeat(2)}: texte`)).toBeNull();
    expect(readParagraphLabel('Note. Cookies nécessaires : texte')).toBeNull();
    expect(readParagraphLabel(`Cookies tiers : ${'x'.repeat(1_000_000)}`)).toEqual({
      text: 'Cookies tiers',
      level: null,
      category: 'third-party',
    });
  });
});

describe('couldTitleSection', () => {
  it('accepts a short capitalised title that names no category', () => {
    for (const line of ['User experience', 'Analytics', 'Expérience utilisateur', 'Personalisation & preferences'])
      expect(couldTitleSection(line), line).toBe(true);
  });

  it('refuses prose, rows, URLs, provider names and lower-case lines', () => {
    for (const line of [
      'Matomo',
      'Google Analytics (GA4)',
      'user experience',
      'A quoi servent les cookies: tout',
      'See https://x.org',
      'Huwise\tsessionid',
      'One two three four five six seven',
      'Download as PDF.',
    ]) {
      expect(couldTitleSection(line), line).toBe(false);
    }
  });
});

describe('titlesOtherSection', () => {
  it('accepts a short title of cookies of a kind with no category, "cookies" first or last', () => {
    for (const text of [
      'Cookies publicitaires',
      'Marketing cookies',
      'Advertising cookies',
      'Cookies de ciblage publicitaire',
      'Cookies publicitaires :',
      'Advertising cookies (opt-in)',
      'Traceurs de réseaux sociaux',
      'Social media cookies',
      'Targeting cookies',
      'Cookies de personnalisation',
      'Cookies partenaires',
      'Third-party advertising cookies',
      'Cookies Facebook publicitaires',
    ]) {
      expect(titlesOtherSection(text), text).toBe(true);
    }
  });

  it('refuses a title with no word naming a kind of cookies that needs consent: an unknown provider’s, a session’s (a review’s missed breach: `**Cookies Contentsquare**` filed _cs_id as other)', () => {
    for (const text of [
      'Cookies Contentsquare',
      'Cookies Smartlook',
      'Contentsquare cookies',
      'Cookies Facebook (réseau social)',
      'Cookies de session',
      'Cookies de sécurité',
      'Cookies de préférences',
      'Cookies du site',
      'Cookies non publicitaires',
      'Cookies sans ciblage',
    ]) {
      expect(titlesOtherSection(text), text).toBe(false);
    }
  });

  it('accepts a title saying its cookies need consent, tracking or unclassified cookies (a re-review: `| Cookies soumis à votre consentement | | | |` kept a tracker necessary)', () => {
    for (const text of [
      'Cookies soumis à votre consentement',
      'Cookies soumis à consentement',
      'Cookies nécessitant votre consentement',
      'Cookies qui nécessitent votre consentement',
      'Cookies déposés avec votre consentement',
      'Cookies requiring consent',
      'Cookies that require your consent',
      'Cookies subject to consent',
      'Cookies de suivi',
      'Unclassified cookies',
      'Cookies non classés',
      'Cookies non classifiés',
    ]) {
      expect(titlesOtherSection(text), text).toBe(true);
    }
  });

  it('refuses a note about consent and a title whose consent wording is taken back', () => {
    for (const text of [
      "Note : aucun cookie n'est déposé sans accord",
      "Aucun cookie n'est déposé sans votre consentement",
      "Aucun cookie de mesure d'audience n'est déposé sans votre consentement",
      'Ces cookies sont soumis à votre consentement',
      'These cookies require your consent',
      'Cookies never set without your consent',
      'Cookies jamais déposés sans votre consentement',
      'Cookies déposés sans votre consentement',
      'Cookies non soumis à consentement',
      'Cookies de suivi de session',
      'Les cookies sont déposés avec votre consentement',
    ]) {
      expect(titlesOtherSection(text), text).toBe(false);
    }
  });

  it('refuses a note, a sentence, a list’s caption, a provider or cookie name, and a long title', () => {
    for (const text of [
      "Note : aucun cookie n'est déposé sans accord",
      "Aucun cookie de mesure d'audience n'est déposé ici",
      'These cookies are essential',
      'Ces cookies publicitaires',
      'Cookies publicitaires.',
      'Cookies publicitaires ne sont pas déposés',
      'Cookies we never set',
      'Nos partenaires publicitaires',
      'Publicité ciblée',
      'Liste des cookies utilisés sur ce site',
      'Cookies Matomo',
      '_ga',
      'Criteo',
      'Cookies de partage sur les réseaux sociaux',
      '',
    ]) {
      expect(titlesOtherSection(text), text).toBe(false);
    }
  });

  it('reads 100,000 characters in linear time', () => {
    for (const text of [`Cookies${' '.repeat(100_000)}x`, `Cookies ${'publicitaires '.repeat(8_000)}`, `${'('.repeat(100_000)}cookies`]) {
      expect(titlesOtherSection(text)).toBe(false);
      expect(opensLikeSentence(text)).toBe(false);
    }
  });
});

describe('opensLikeSentence', () => {
  it('is true for a first word that opens a sentence or a note, false for a title', () => {
    for (const text of ['These cookies are essential', "Aucun cookie n'est déposé", 'Note : rien', 'Ces cookies', 'No cookies here'])
      expect(opensLikeSentence(text), text).toBe(true);
    for (const text of ['Cookies publicitaires', 'Analytics and stats cookies', 'Notes de frais', 'Cookies de ce site'])
      expect(opensLikeSentence(text), text).toBe(false);
  });
});

describe('SectionTracker', () => {
  it('gives each heading’s category, markdown sub-headings inheriting their parent’s', () => {
    const sections = new SectionTracker();
    expect(sections.category).toBe('other');
    const seen: string[] = [];
    for (const line of ['## Charte cookies', '### Cookies statistiques', '#### Matomo', '### Cookies tiers', '## Autres', 'Cookie list']) {
      const heading = readHeading(line);
      if (heading) sections.enter(heading);
      seen.push(sections.category);
    }
    expect(seen).toEqual(['other', 'statistics', 'statistics', 'third-party', 'other', 'other']);
  });

  it('keeps the section’s category through a plain heading naming only a provider, and starts `other` at one naming nothing else', () => {
    const sections = new SectionTracker();
    const seen: string[] = [];
    for (const line of [
      '## Cookies statistiques',
      '**Cookies Matomo**',
      'Cookies nécessaires',
      '**Cookies Matomo**',
      // charter-formats.md: a heading naming no category starts an `other` section, plain or markdown.
      'Advertising cookies',
      'Cookies statistiques',
      'Cookie list',
    ]) {
      const heading = readHeading(line);
      if (heading) sections.enter(heading);
      seen.push(sections.category);
    }
    expect(seen).toEqual(['statistics', 'statistics', 'necessary', 'necessary', 'other', 'statistics', 'other']);
  });

  it('keeps the parent’s category under a provider’s sub-heading with filler words', () => {
    const sections = new SectionTracker();
    const seen: string[] = [];
    for (const line of [
      '### Cookies de mesure d’audience',
      '#### Cookies Matomo',
      '#### Outil Hotjar',
      '#### Matomo cookies (GA4)',
      '#### Le service de Google Analytics',
      '#### Cookies de session',
    ]) {
      const heading = readHeading(line);
      if (heading) sections.enter(heading);
      seen.push(sections.category);
    }
    expect(seen).toEqual(['statistics', 'statistics', 'statistics', 'statistics', 'statistics', 'other']);
  });

  it('resets to other on a markdown heading that names no category, unless it only names a provider', () => {
    const sections = new SectionTracker();
    const seen: string[] = [];
    for (const line of [
      '## Cookies statistiques',
      '### Matomo',
      '### Google Analytics (GA4)',
      '### User experience',
      '## Strictly necessary',
      '### Détails',
    ]) {
      const heading = readHeading(line);
      if (heading) sections.enter(heading);
      seen.push(sections.category);
    }
    expect(seen).toEqual(['statistics', 'statistics', 'statistics', 'other', 'necessary', 'other']);
  });

  it('resets to other on a plain heading about cookies that names no category', () => {
    const sections = new SectionTracker();
    sections.enter({ text: 'Cookies statistiques', level: null, category: 'statistics' });
    sections.enter({ text: 'Cookies de personnalisation', level: null, category: null });
    expect(sections.category).toBe('other');
  });
});

describe('charterTitle', () => {
  it('recognises the four titles', () => {
    for (const title of ['Charte cookies', 'Cookies policy', 'Cookie Policy', 'Politique de cookies'])
      expect(charterTitle(title)).toBe(title);
  });

  it('drops a URL on the title line, and is null for other headings', () => {
    expect(charterTitle('Cookie Policy <https://data.example.org>')).toBe('Cookie Policy');
    expect(charterTitle('Cookies statistiques')).toBeNull();
  });
});

describe('hostOfUrl', () => {
  it('keeps the host only, lower case', () => {
    expect(hostOfUrl('https://Data.Example.ORG/explore/?q=1')).toBe('data.example.org');
    expect(hostOfUrl('http://user@portal.opendatasoft.com:8080/x')).toBe('portal.opendatasoft.com');
    expect(hostOfUrl('https://data.tco.re.')).toBe('data.tco.re');
  });

  it('is null for anything else', () => {
    expect(hostOfUrl('ftp://x.org')).toBeNull();
    expect(hostOfUrl('https://')).toBeNull();
  });

  it('reads every URL as the regex trim of trailing dots did', () => {
    // The code before the loop, kept as the reference.
    const before = (url: string): string | null => {
      const match = /^https?:\/\/(?:[^\s/?#@]*@)?([^\s/?#:<>@]+)/i.exec(url.trim());
      const host = match?.[1]?.toLowerCase().replace(/\.+$/, '') ?? '';
      return /^[\p{L}\p{N}](?:[\p{L}\p{N}.-]*[\p{L}\p{N}])?$/u.test(host) ? host : null;
    };
    const piece = fc.oneof(
      fc.constantFrom('.', '..', 'a', 'Z', 'é', '1', '-', '_', '/', '@', ':', '#', '?', '<', ' ', '\t', '\u00A0', '\uD800'),
      fc.integer({ min: 1, max: 40 }).map((count) => '.'.repeat(count)),
    );
    const url = fc.tuple(
      fc.constantFrom('https://', 'HTTP://', 'http://u@', ' https://', 'ftp://', ''),
      fc.array(piece, { maxLength: 12 }),
    );
    fc.assert(
      fc.property(url, ([scheme, pieces]) => {
        const text = scheme + pieces.join('');
        expect(hostOfUrl(text)).toBe(before(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a host holding a long run of dots (quadratic with `/\\.+$/`)', () => {
    const dots = '.'.repeat(100_000);
    expect(hostOfUrl(`https://a${dots}b`)).toBe(`a${dots}b`);
    expect(hostOfUrl(`https://a${dots}_`)).toBeNull();
    expect(hostOfUrl(`https://a${dots}`)).toBe('a');
  });
});

describe('findPortal', () => {
  const never = () => false;

  it('reads the URL on the heading line', () => {
    expect(findPortal(['### A quoi servent les cookies sur la plateforme <https://data.nantesmetropole.fr>'], never)).toBe(
      'data.nantesmetropole.fr',
    );
  });

  it('reads the URL on the line after the heading', () => {
    expect(
      findPortal(['A quoi servent les cookies sur la plateforme', '', '<https://anglet-opendatapaysbasque.opendatasoft.com>'], never),
    ).toBe('anglet-opendatapaysbasque.opendatasoft.com');
    expect(findPortal(['What cookies are for on the platform', 'https://portal.huwise.com/'], never)).toBe('portal.huwise.com');
    expect(findPortal(['[https://x.example.org](https://x.example.org/)'], never)).toBe('x.example.org');
  });

  it('does not take a “Download as PDF” link for the portal', () => {
    expect(
      findPortal(
        ['[Download as PDF](https://cdn.example.net/charte.pdf)', '### Cookies sur la plateforme <https://data.example.fr>'],
        never,
      ),
    ).toBe('data.example.fr');
  });

  it('is null when the charter names none', () => {
    expect(findPortal(['Charte cookies', 'Nous utilisons des cookies.'], never)).toBeNull();
  });

  it('prefers the platform line over an earlier link, and skips table lines', () => {
    const lines = [
      'See <https://cdn.example.net/policy.pdf>',
      'Google\t<https://policies.google.com>',
      'Cookies on the platform <https://data.example.org>',
    ];
    expect(findPortal(lines, (index) => index === 1)).toBe('data.example.org');
    expect(findPortal(lines.slice(1, 2), (index) => index === 0)).toBeNull();
  });

  it('takes a link in angle brackets on a heading, never one in prose', () => {
    expect(findPortal(['See <https://cdn.example.net/policy.pdf>'], never)).toBeNull();
    expect(findPortal(['For more on cookies, see the CNIL <https://www.cnil.fr/fr/cookies-et-autres-traceurs>.'], never)).toBeNull();
    expect(findPortal(['See the CNIL <https://www.cnil.fr/>', '## Charte cookies <https://data.example.fr>'], never)).toBe(
      'data.example.fr',
    );
  });

  it('reads 2 MB of URL lines whose hosts are dots up to the line limit, finding none', () => {
    const lines = Array.from({ length: 4_000 }, () => `https://a${'.'.repeat(489)}_`);
    expect(findPortal(lines, never)).toBeNull();
  });
});

describe('detectLanguage', () => {
  it('tells French from English', () => {
    expect(detectLanguage('Afin de vous proposer le meilleur service possible nous utilisons des cookies.')).toBe('fr');
    expect(detectLanguage('We use cookies to keep you signed in and to count the visits of the portal.')).toBe('en');
  });

  it('is null when it cannot tell', () => {
    expect(detectLanguage('sessionid csrftoken _ga')).toBeNull();
    expect(detectLanguage('')).toBeNull();
  });
});
