/**
 * The words of a charter draft, in French and English. The title, the table header and the
 * category paragraphs are the platform's new template (supplier, cookie name, duration, function;
 * each table after a paragraph opening with its category: "Strictly necessary cookies: These
 * cookies are necessary to …", guide "charter formats" and Huwise's published policy), worded so
 * the project's own parser reads them back (core/charter/sections.ts). The notes are the draft's
 * own: each starts with fixed words and a colon, so that no line of the list can read as a table
 * header, a field line or a category. The French follows French typography: ’ for apostrophes, a
 * narrow no-break space (U+202F) before : ; ! ? and inside « », which the parser reads as a space.
 */
import type { Category } from '../charter/types.ts';
import { withFrenchFirstOfMonth } from '../french-dates.ts';
import type { ConsentState } from '../consent/consent-choice.ts';
import type { DraftLanguage } from './draft-formats.ts';
import type { CutPart, DraftMark, DraftSource } from './draft-types.ts';

/** What a draft starts from: the site's own charter, the platform's default standing in for it, or none. */
export type DraftBasis = 'site' | 'platform-default' | 'none';

/** Everything a draft says in one language. Texts are plain: each format escapes them. */
export type DraftWords = {
  /** The page title, as charters title themselves. */
  title: string;
  /** The heading that names the portal before the tables; `<https://host>` follows it. */
  portalHeading: string;
  /** The four columns of the new template. */
  header: [provider: string, cookie: string, duration: string, purpose: string];
  /** What ends a paragraph's label: a narrow no-break space and ":" in French typography, ":" in English. */
  colon: string;
  /** Each category's paragraph: its label, then its sentence. */
  categories: Record<Category, { label: string; sentence: string }>;
  /** The day the cookies were observed, as the notice writes it, from its ISO date (YYYY-MM-DD, UTC). */
  day: (isoDate: string) => string;
  /** The sentence that says what the draft is and how to finish it; `basis` says what it starts from when not the site's charter ('' when it is). */
  notice: (host: string, date: string, runs: string, basis: string) => string;
  /** What the draft starts from when the site's own charter was not read: the platform's default, or nothing. */
  basis: Record<'platform-default' | 'none', string>;
  /** Said of a cookie no entry declares, by what the draft starts from. */
  undeclared: Record<DraftBasis, string>;
  /** Said instead of a cookie no entry declares whose name a line of the charter not read holds (`line`: its number). */
  maybeInUnreadLine: (line: string) => string;
  /** Who stated a declared row's duration: the charter, or the platform's published policy (standing in for it). */
  statedBy: Record<Exclude<DraftBasis, 'none'>, string>;
  /** How a run ended, for the notice; runs are joined with `and`. */
  runs: Record<ConsentState | 'unknown', string>;
  and: string;
  /** The heading of the list of things to review. */
  reviewHeading: string;
  /** The remark written after the cookie name for each mark (in parentheses, which the parser drops). */
  marks: Record<DraftMark, string>;
  /** Where an added cookie's purpose comes from, when a source gives one. */
  sources: Record<Exclude<DraftSource, 'unknown'>, string>;
  /** What the known-tracker table makes a tracker, for a note on one a charter files as necessary. */
  trackerKinds: Record<'statistics' | 'third-party', string>;
  /** Said of a purpose in English in a French draft. */
  inEnglish: string;
  /** A charter's language, as said of its words ("in French"), for a row to translate. */
  inLanguage: Record<DraftLanguage, string>;
  /** A row's words, as said of one cut to fit a cell ("the function"). */
  cutParts: Record<CutPart, string>;
  /** The list's items; `name` and `provider` as the format escapes them. */
  review: {
    /** `undeclared` is one of DraftWords.undeclared; `source` one of DraftWords.sources, null when no source gives a purpose. */
    toReview: (name: string, provider: string, source: string | null, undeclared: string) => string;
    /** As toReview, for a cookie only embedded content set, with the domains that set it. */
    embedded: (name: string, provider: string, domains: string, source: string | null, undeclared: string) => string;
    notObserved: (name: string, provider: string) => string;
    /** `statedBy` is one of DraftWords.statedBy. */
    longer: (name: string, observed: string, stated: string, statedBy: string) => string;
    durationAdded: (name: string, observed: string) => string;
    moved: (name: string) => string;
    declaredTwice: (name: string) => string;
    /** A repeat left out (DraftNote 'declared-twice-left-out'); `applies` and `leftOut` are DraftWords.categories' labels. */
    declaredTwiceLeftOut: (name: string, applies: string, leftOut: string) => string;
    /** `kind` is one of DraftWords.trackerKinds. */
    trackerInNecessary: (name: string, provider: string, kind: string) => string;
    inEnglish: (name: string) => string;
    /** `language` is one of DraftWords.inLanguage. */
    toTranslate: (name: string, language: string) => string;
    /** `part` is one of DraftWords.cutParts. */
    cut: (name: string, part: string) => string;
    /** `from` the entry (a prefix) whose words the row takes. */
    writtenApart: (name: string, from: string) => string;
    unreadable: (name: string) => string;
    limit: (name: string) => string;
    size: (name: string) => string;
    more: (count: number) => string;
    /** A platform cookie not seen that the report does not call missing; `multilingual` for django_language. */
    platformUnseen: (name: string, multilingual: boolean) => string;
    originUnknown: (name: string, domain: string) => string;
    moreOriginUnknown: (count: number) => string;
    /** A line of the charter not read (DraftNote 'unread-line'), its text as the format escapes it ('' when none is kept). */
    unreadLine: (line: string, text: string) => string;
    /** A line of the charter read in part (DraftNote 'unread-line', `inPart`): the names read from it are in the rows, the rest is not. */
    readInPart: (line: string, text: string) => string;
    /** Lines not read and not listed (DraftNote 'unread-more'). */
    unreadMore: (count: number) => string;
  };
  /** Stands in for a provider or purpose no source gives. */
  unknownProvider: string;
  unknownPurpose: string;
};

/** "1er décembre 2026", "14 juillet 2027": a date in French prose (the UTC day); anything but an ISO date is left as it is. */
function frenchDay(isoDate: string): string {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = Number(parts?.[2]);
  if (!parts || month < 1 || month > 12) return isoDate;
  const at = Date.UTC(Number(parts[1]), month - 1, Number(parts[3]));
  return withFrenchFirstOfMonth(new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(at));
}

export const DRAFT_WORDS: Record<DraftLanguage, DraftWords> = {
  fr: {
    title: 'Charte cookies',
    portalHeading: 'À quoi servent les cookies sur la plateforme',
    header: ['Nom du prestataire', 'Nom du cookie', 'Durée', 'Finalité'],
    colon: '\u202f:',
    categories: {
      necessary: {
        label: 'Cookies strictement nécessaires',
        sentence: 'Ces cookies sont nécessaires au fonctionnement de la plateforme et ne peuvent pas être désactivés.',
      },
      statistics: {
        label: 'Cookies de mesure d’audience',
        sentence: 'Ces cookies nous permettent de mesurer la fréquentation du portail, avec votre accord.',
      },
      'third-party': {
        label: 'Cookies tiers',
        sentence: 'Ces cookies sont déposés par des services tiers intégrés au portail, avec votre accord.',
      },
      other: {
        label: 'Autres cookies',
        sentence: 'Ces cookies n’ont pas pu être classés\u202f: choisissez leur catégorie avant de publier.',
      },
    },
    day: frenchDay,
    notice: (host, date, runs, basis) =>
      `Projet de charte établi par Cookie Charter Inspector d’après les cookies observés sur ${host} le ${date} (${runs}). ${basis}` +
      'Vérifiez chaque point de la liste ci-dessous, puis retirez les remarques entre parenthèses et ce paragraphe avant de publier.',
    runs: {
      none: 'avant tout choix de consentement',
      accepted: 'après acceptation des cookies',
      refused: 'après refus des cookies',
      choice: 'après un choix traceur par traceur',
      unknown: 'sans choix de consentement lisible',
    },
    basis: {
      'platform-default':
        'La charte du portail n’a pas pu être lue\u202f: ce projet part de la politique cookies publiée par la plateforme, qui en tient lieu. ',
      none: 'Aucune charte du portail n’a été lue\u202f: chaque cookie y est décrit d’après les sources de repli de l’extension. ',
    },
    undeclared: {
      site: 'la charte ne le déclare pas',
      'platform-default': 'la politique cookies de la plateforme, qui tient lieu de charte, ne le cite pas',
      none: 'aucune charte du portail n’a été lue',
    },
    maybeInUnreadLine: (line) => `la charte du portail le déclare peut-être à la ligne ${line}, que l’extension n’a pas pu lire`,
    statedBy: { site: 'par la charte', 'platform-default': 'par la politique cookies de la plateforme' },
    and: ' et ',
    reviewHeading: 'À vérifier avant de publier',
    marks: {
      'to-review': 'à vérifier',
      'not-observed': 'non observé\u202f: à garder seulement s’il est encore utilisé',
      'duration-observed': 'durée observée',
      'moved-to-necessary': 'déplacé\u202f: cookie de la plateforme',
      'in-english': 'en anglais\u202f: à traduire',
      'to-translate': 'à traduire',
      'tracker-in-necessary': 'traceur classé nécessaire',
      'declared-twice': 'déclaré deux fois',
      'text-cut': 'texte coupé',
      'written-apart': 'écrit à part',
    },
    trackerKinds: { statistics: 'un cookie de mesure d’audience', 'third-party': 'un cookie tiers' },
    sources: {
      charter: 'la charte',
      'known-tracker': 'la table des traceurs connus',
      'open-cookie-database': 'l’Open Cookie Database',
      platform: 'la politique cookies publiée par la plateforme',
    },
    inEnglish: 'en anglais, à traduire',
    inLanguage: { fr: 'en français', en: 'en anglais' },
    cutParts: { provider: 'le nom du prestataire', purpose: 'la finalité', duration: 'la durée' },
    review: {
      toReview: (name, provider, source, undeclared) =>
        `À vérifier\u202f: ${name} (${provider}) a été observé mais ${undeclared}. Il est ajouté avec la durée observée` +
        (source === null
          ? '\u202f; aucune source ne donne sa finalité\u202f: décrivez-la, puis vérifiez sa catégorie.'
          : ` et une finalité tirée de ${source}. Vérifiez sa finalité et sa catégorie.`),
      embedded: (name, provider, domains, source, undeclared) =>
        `À vérifier\u202f: ${name} (${provider}) a été déposé par un contenu intégré au portail (${domains}) mais ${undeclared}. Il est ajouté aux cookies tiers avec la durée observée` +
        (source === null
          ? '\u202f; aucune source ne donne sa finalité\u202f: décrivez-la, puis vérifiez que ce contenu est bien intégré au portail.'
          : ` et une finalité tirée de ${source}. Vérifiez sa finalité et que ce contenu est bien intégré au portail.`),
      notObserved: (name, provider) =>
        `Non observé\u202f: ${name} (${provider}) est déclaré mais n’a pas été vu pendant l’audit. Gardez-le seulement s’il est encore utilisé.`,
      longer: (name, observed, stated, statedBy) =>
        `Durée dépassée\u202f: ${name} a vécu ${observed}, plus que la durée «\u202f${stated}\u202f» annoncée ${statedBy}. La durée observée la remplace\u202f: vérifiez que c’est bien celle à annoncer.`,
      durationAdded: (name, observed) =>
        `Durée ajoutée\u202f: la charte ne donne pas de durée pour ${name}, la durée observée (${observed}) est écrite. Vérifiez que c’est bien la durée à annoncer.`,
      moved: (name) =>
        `Déplacé\u202f: ${name} est un des cookies de la plateforme, toujours strictement nécessaires. Il est rangé avec eux.`,
      declaredTwice: (name) =>
        `Déclaré deux fois\u202f: la charte déclare ${name} sur plusieurs lignes\u202f; seule la première s’applique, les suivantes n’ont jamais servi. Gardez une seule ligne, dans la bonne catégorie.`,
      declaredTwiceLeftOut: (name, applies, leftOut) =>
        `Déclaré deux fois\u202f: la charte déclare ${name} dans la section «\u202f${applies}\u202f» puis, plus bas, dans la section «\u202f${leftOut}\u202f»\u202f; seule la première ligne s’applique. Celle de la section «\u202f${leftOut}\u202f» n’est pas reprise ici\u202f: écrite avant l’autre dans ce projet, elle s’appliquerait à sa place. Si sa catégorie est la bonne, déplacez-y la ligne gardée.`,
      trackerInNecessary: (name, provider, kind) =>
        `Catégorie à revoir\u202f: la charte range ${name} parmi les cookies strictement nécessaires, mais la table des traceurs connus en fait ${kind} (${provider}), qui demande d’ordinaire le consentement du visiteur. Il est laissé où la charte le range\u202f: déplacez-le, ou justifiez ce classement.`,
      inEnglish: (name) =>
        `À traduire\u202f: ${name} est décrit avec les mots de la politique cookies publiée par la plateforme, qui est en anglais. Traduisez-les avant de publier.`,
      toTranslate: (name, language) =>
        `À traduire\u202f: ${name} est décrit avec les mots de la charte, ${language}, comme elle les donne. Traduisez-les avant de publier.`,
      writtenApart: (name, from) =>
        `Écrit à part\u202f: le ${name} du portail est déclaré par ${from}. Un contenu intégré dépose aussi un ${name}, ajouté aux cookies tiers, et un nom exact l’emporte sur un préfixe\u202f: sans cette ligne, le cookie du portail serait lu comme celui du contenu intégré. Elle reprend les mots de ${from}\u202f; gardez-la avant la ligne des cookies tiers.`,
      cut: (name, part) =>
        `Texte coupé\u202f: ${part} de ${name} dépasse ce qu’une case de tableau de charte peut contenir pour être relue\u202f; seul son début est repris, suivi de «\u202f…\u202f». Raccourcissez ce texte avant de publier.`,
      unreadable: (name) =>
        `Non inscrit\u202f: ${name} ne peut pas être écrit dans un tableau de charte de façon à être relu sous ce nom. Déclarez-le à la main.`,
      limit: (name) =>
        `Non inscrit\u202f: ${name} viendrait après la dernière ligne qu’une charte peut contenir pour être lue. Déclarez-le à la main.`,
      size: (name) =>
        `Non inscrit\u202f: ${name} rendrait la page plus lourde qu’une page de charte ne peut l’être pour être lue. Déclarez-le à la main.`,
      more: (count) =>
        count === 1
          ? 'Non inscrit\u202f: 1 autre cookie n’est ni inscrit ni listé ici. Déclarez-le à la main.'
          : `Non inscrit\u202f: ${count} autres cookies ne sont ni inscrits ni listés ici. Déclarez-les à la main.`,
      platformUnseen: (name, multilingual) =>
        multilingual
          ? `Non observé\u202f: ${name} n’a pas été vu, mais la plateforme ne le dépose que sur les portails proposés en plusieurs langues. Gardez-le si ce portail l’est.`
          : `Non observé\u202f: ${name} n’a pas été vu, mais c’est un des cookies que la plateforme dépose elle-même, selon les pages visitées et les choix du visiteur. Il reste déclaré.`,
      originUnknown: (name, domain) =>
        `Origine inconnue, non ajouté\u202f: ${name} (${domain}) a été vu sur un domaine parent que partagent d’autres sites ouverts en même temps, et rien ne montre que ce portail l’a déposé. Déclarez-le seulement si c’est bien le cas.`,
      moreOriginUnknown: (count) =>
        count === 1
          ? 'Origine inconnue, non ajouté\u202f: 1 autre cookie n’est pas listé ici.'
          : `Origine inconnue, non ajoutés\u202f: ${count} autres cookies ne sont pas listés ici.`,
      unreadLine: (line, text) =>
        `Ligne non lue\u202f: la ligne ${line} de la charte n’a pas pu être lue, et rien de ce qu’elle déclare n’est repris ici` +
        `${text === '' ? '' : `\u202f: «\u202f${text}\u202f»`}. Recopiez-la à la main dans le bon tableau, à la place de toute ligne ajoutée pour le même cookie.`,
      readInPart: (line, text) =>
        `Ligne lue en partie\u202f: la ligne ${line} de la charte n’a pu être lue qu’en partie\u202f; les noms lus sont repris ici, pas le reste de ce qu’elle déclare` +
        `${text === '' ? '' : `\u202f: «\u202f${text}\u202f»`}. Recopiez ce reste à la main dans le bon tableau, à la place de toute ligne ajoutée pour le même cookie.`,
      unreadMore: (count) =>
        count === 1
          ? 'Ligne non lue\u202f: 1 autre ligne de la charte n’a pas pu être lue et n’est pas listée ici. Retrouvez-la dans la charte.'
          : `Lignes non lues\u202f: ${count} autres lignes de la charte n’ont pas pu être lues et ne sont pas listées ici. Retrouvez-les dans la charte.`,
    },
    unknownProvider: 'Prestataire inconnu',
    unknownPurpose: 'Finalité inconnue, à décrire',
  },
  en: {
    title: 'Cookie policy',
    portalHeading: 'What cookies are used for on the platform',
    header: ['Supplier name', 'Cookie name', 'Duration', 'Function'],
    colon: ':',
    categories: {
      necessary: {
        label: 'Strictly necessary cookies',
        sentence: 'These cookies are necessary for the platform to work and cannot be switched off.',
      },
      statistics: {
        label: 'Audience measurement cookies',
        sentence: 'These cookies measure how the portal is used, with your consent.',
      },
      'third-party': {
        label: 'Third-party cookies',
        sentence: 'These cookies are set by third-party services embedded in the portal, with your consent.',
      },
      other: {
        label: 'Other cookies',
        sentence: 'These cookies could not be filed in a category: choose one before publishing.',
      },
    },
    day: (isoDate) => isoDate,
    notice: (host, date, runs, basis) =>
      `Draft charter made by Cookie Charter Inspector from the cookies observed on ${host} on ${date} (${runs}). ${basis}` +
      'Check every point of the list below, then remove the remarks in parentheses and this paragraph before publishing.',
    runs: {
      none: 'before any consent choice',
      accepted: 'after accepting cookies',
      refused: 'after refusing cookies',
      choice: 'after a choice tracker by tracker',
      unknown: 'with no consent choice to read',
    },
    basis: {
      'platform-default':
        "The portal's own charter could not be read: this draft starts from the platform's published cookie policy, which stands in for it. ",
      none: "No charter of the portal was read: each cookie is described from the extension's fallback sources. ",
    },
    undeclared: {
      site: 'the charter does not declare it',
      'platform-default': "the platform's published cookie policy, standing in for the charter, does not list it",
      none: 'no charter of the portal was read',
    },
    maybeInUnreadLine: (line) => `the portal's charter may declare it on line ${line}, which could not be read`,
    statedBy: { site: "the charter's", 'platform-default': "the platform's published cookie policy's" },
    and: ' and ',
    reviewHeading: 'To review before publishing',
    marks: {
      'to-review': 'to review',
      'not-observed': 'not observed: keep only if still used',
      'duration-observed': 'duration observed',
      'moved-to-necessary': 'moved: platform cookie',
      'in-english': 'in English: to translate',
      'to-translate': 'to translate',
      'tracker-in-necessary': 'tracker filed as necessary',
      'declared-twice': 'declared twice',
      'text-cut': 'text cut',
      'written-apart': 'written apart',
    },
    trackerKinds: { statistics: 'an audience measurement cookie', 'third-party': 'a third-party cookie' },
    sources: {
      charter: 'the charter',
      'known-tracker': 'the known-tracker table',
      'open-cookie-database': 'the Open Cookie Database',
      platform: "the platform's published cookie policy",
    },
    inEnglish: 'in English',
    inLanguage: { fr: 'in French', en: 'in English' },
    cutParts: { provider: 'the supplier name', purpose: 'the function', duration: 'the duration' },
    review: {
      toReview: (name, provider, source, undeclared) =>
        `To review: ${name} (${provider}) was observed but ${undeclared}. It is added with the duration observed` +
        (source === null
          ? '; no source gives its purpose: describe it, then check its category.'
          : ` and a purpose from ${source}. Check its purpose and its category.`),
      embedded: (name, provider, domains, source, undeclared) =>
        `To review: ${name} (${provider}) was set by content embedded in the portal (${domains}) but ${undeclared}. It is added to the third-party cookies with the duration observed` +
        (source === null
          ? '; no source gives its purpose: describe it, then check that this content is indeed embedded in the portal.'
          : ` and a purpose from ${source}. Check its purpose and that this content is indeed embedded in the portal.`),
      notObserved: (name, provider) =>
        `Not observed: ${name} (${provider}) is declared but was not seen during the audit. Keep it only if it is still used.`,
      longer: (name, observed, stated, statedBy) =>
        `Longer than declared: ${name} lived ${observed}, longer than ${statedBy} "${stated}". The observed duration replaces it: check it is the lifetime you mean to state.`,
      durationAdded: (name, observed) =>
        `Duration added: the charter gives no duration for ${name}, so the observed one (${observed}) is written. Check it is the lifetime you mean to state.`,
      moved: (name) => `Moved: ${name} is one of the platform's own cookies, always strictly necessary. It is filed with them.`,
      declaredTwice: (name) =>
        `Declared twice: the charter declares ${name} on more than one row and only the first applies, so the others were never used. Keep one row, in the right category.`,
      declaredTwiceLeftOut: (name, applies, leftOut) =>
        `Declared twice: the charter declares ${name} under "${applies}" and, further down, under "${leftOut}"; only the first row applies. The one under "${leftOut}" is left out of this draft: written before the other here, it would apply instead. If its category is the right one, move the row kept there.`,
      trackerInNecessary: (name, provider, kind) =>
        `Category to check: the charter files ${name} as strictly necessary, but the known-tracker table makes it ${kind} (${provider}), which usually needs the visitor's consent. It is left where the charter files it: move it, or justify the choice.`,
      inEnglish: (name) =>
        `To translate: ${name} is described in the words of the platform's published cookie policy, which is in English. Translate them before publishing.`,
      toTranslate: (name, language) =>
        `To translate: ${name} is described in the charter's own words, ${language}, as it gives them. Translate them before publishing.`,
      writtenApart: (name, from) =>
        `Written apart: the portal's own ${name} is declared by ${from}. Embedded content sets a ${name} too, added to the third-party cookies, and an exact name comes before a prefix: without this row, the portal's cookie would be read as the embedded content's. It takes the words of ${from}; keep it before the third-party row.`,
      cut: (name, part) =>
        `Text cut: ${part} of ${name} is longer than a charter table cell can hold and still be read back, so only its beginning is kept, followed by "…". Shorten this text before publishing.`,
      unreadable: (name) =>
        `Not written: ${name} cannot be written in a charter table so that it reads back as this name. Declare it by hand.`,
      limit: (name) => `Not written: ${name} is past the number of rows a charter is read up to. Declare it by hand.`,
      size: (name) => `Not written: ${name} would make the page larger than a charter page is read up to. Declare it by hand.`,
      more: (count) =>
        count === 1
          ? 'Not written: 1 more cookie is neither written nor listed here. Declare it by hand.'
          : `Not written: ${count} more cookies are neither written nor listed here. Declare them by hand.`,
      platformUnseen: (name, multilingual) =>
        multilingual
          ? `Not observed: ${name} was not seen, but the platform sets it only on portals offered in several languages. Keep it if this portal is.`
          : `Not observed: ${name} was not seen, but it is one of the cookies the platform sets itself, depending on the pages visited and the visitor's choices. It stays declared.`,
      originUnknown: (name, domain) =>
        `Origin unknown, not added: ${name} (${domain}) was seen on a parent domain that other sites open at the same time share, and nothing shows this portal set it. Declare it only if it did.`,
      moreOriginUnknown: (count) =>
        count === 1
          ? 'Origin unknown, not added: 1 more cookie is not listed here.'
          : `Origin unknown, not added: ${count} more cookies are not listed here.`,
      unreadLine: (line, text) =>
        `Line not read: line ${line} of the charter could not be read, and nothing it declares is written here` +
        `${text === '' ? '' : `: "${text}"`}. Copy it by hand into the right table, in place of any row added for the same cookie.`,
      readInPart: (line, text) =>
        `Line read in part: line ${line} of the charter could be read only in part; the names read from it are written here, the rest of what it declares is not` +
        `${text === '' ? '' : `: "${text}"`}. Copy the rest by hand into the right table, in place of any row added for the same cookie.`,
      unreadMore: (count) =>
        count === 1
          ? 'Line not read: 1 more line of the charter could not be read and is not listed here. Find it in the charter.'
          : `Lines not read: ${count} more lines of the charter could not be read and are not listed here. Find them in the charter.`,
    },
    unknownProvider: 'Unknown provider',
    unknownPurpose: 'Unknown purpose, describe it',
  },
};
