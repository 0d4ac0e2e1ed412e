/**
 * What surrounds the tables: headings and the category they give the rows under them, the title,
 * the portal the charter names, and the language it is written in.
 */
import type { Category, ParsedCharter } from './types.ts';
import { knownProviderLengthsAt } from './known.ts';
import { collapseWhitespace, foldForMatching } from './normalise.ts';

/** A heading line: markdown (`##` to `####`...), bold, or a plain line that reads as a title. */
export type Heading = {
  /** Heading text without markdown marks, whitespace collapsed. */
  text: string;
  /** Markdown level (number of `#`), or null for a plain or bold line. */
  level: number | null;
  /** Category its wording names, or null when it names none. */
  category: Category | null;
};

/** Longest line taken for a heading; longer lines are prose. */
const MAX_HEADING_LENGTH = 200;
/** Most words in a plain-line heading. */
const MAX_HEADING_WORDS = 20;

/** Wording that says a section is not the necessary one: "non-essential", "not required", "ne sont pas nécessaires", "optional". */
const NEGATED_NECESSARY = new RegExp(
  '\\bnon[- ]?(?:strictement )?(?:essenti|necess|indispens|obligat|requi|fonctionnel|functional|techni|mandat)' +
    '|\\bnot (?:strictly )?(?:necessary|essential|required|needed|indispensable|mandatory)' +
    "|\\bn(?:e |')(?:sont|est) pas (?:strictement )?(?:necessaire|essentiel|indispensable|obligatoire|requis)" +
    '|\\bunnecessary|\\boptional|\\boptionnel|\\bfacultati',
);
/**
 * Wording that says a section's cookies need no consent: CNIL's "mesure d'audience exemptée de
 * consentement" (Matomo set up so), "exonérés de consentement", "dispensés du recueil du
 * consentement", "ne nécessitant pas de consentement", "n'ont pas besoin de consentement", "non
 * soumis au consentement", "aucun consentement requis"; "exempt from consent", "do not require
 * consent", "do not need consent", "not requiring consent", "no consent required". Read on folded
 * text (no accents, `'` for `’`); each optional part is a fixed word, so a match tries a bounded
 * number of ways at each start: linear in the heading.
 */
const EXEMPT_FROM_CONSENT = new RegExp(
  "\\b(?:exempt(?:ee?)?s?|dispensee?s?|exoneree?s?) (?:de |du |d'|de tout |de toute )?(?:(?:recueil|collecte|demande) (?:de |du |d'))?(?:votre |leur )?consentement" +
    "|\\bne (?:necessit|requier|requer|demand)[a-z]* pas (?:de |du |d'|le |votre |leur )?(?:(?:recueil|collecte) (?:de |du |d'))?(?:votre |leur )?consentement" +
    "|\\bn'(?:a|ont) pas besoin (?:de |du |d')(?:votre |leur )?consentement" +
    "|\\b(?:non|pas) soumise?s? (?:a |au |aux )?(?:(?:recueil|collecte) (?:de |du |d'))?(?:votre |leur )?consentement" +
    '|\\b(?:aucun|pas de) consentement (?:requis|necessaire)' +
    '|\\bexempt(?:ed)? from (?:the |your |user |prior )?consent|\\bconsent[- ]exempt' +
    "|\\b(?:do|does) not (?:require|need) (?:the |your |user |prior |any )?consent|\\b(?:don't|doesn't) (?:require|need) (?:the |your |user |prior |any )?consent" +
    '|\\bnot (?:requiring|needing) (?:the |your |user |prior |any )?consent|\\bno (?:user |prior )?consent (?:is )?(?:required|needed)' +
    '|\\b(?:requires?|requiring|needs?|needing) no (?:user |prior )?consent|\\bno need (?:for|of) (?:the |your |user |prior |any )?consent' +
    '|\\bconsent (?:is )?not (?:required|needed)' +
    // "Cookies strictement nécessaires (consentement non requis)": the words after, as French puts them.
    "|\\bconsentement (?:non|pas|n'est pas) (?:requis|necessaire|obligatoire)",
);
/**
 * "Sans consentement", "sans recueil du consentement": exempt too, but for a heading that says
 * what is never done so ("Cookies jamais déposés sans votre consentement", "qui ne sont pas
 * déposés sans…"), read only where the heading has no negation (NEGATION).
 */
const WITHOUT_CONSENT = /\bsans (?:(?:recueil|collecte) (?:de |du |d')|le |votre |leur )?consentement/;
const NEGATION = /\bne\b|\bn'|\bjamais\b|\bnever\b|\bnot\b|\buniquement\b|\bseulement\b|\bonly\b/;
/** Wording that takes an exemption back: "non exemptés", "not exempt", "ne sont pas dispensés", "non exonérés", "jamais exemptés". */
const NOT_EXEMPT = /\b(?:non|not|pas|never|jamais)[- ](?:exempt|dispens|exoner)/;

/**
 * True when a heading (folded: foldForMatching) says its cookies need no consent, and does not
 * take it back: never for "Cookies soumis à consentement", "Cookies nécessitant votre consentement",
 * "Cookies requiring consent", "Cookies non exemptés de consentement".
 */
export function saysExemptFromConsent(folded: string): boolean {
  if (NOT_EXEMPT.test(folded)) return false;
  return EXEMPT_FROM_CONSENT.test(folded) || (WITHOUT_CONSENT.test(folded) && !NEGATION.test(folded));
}

/**
 * A word of necessity that qualifies consent or the opt-in, not the cookies: "consent required",
 * "consentement (préalable) obligatoire", "votre consentement est requis", "recueil obligatoire du
 * consentement", "required consent", "mandatory opt-in", "opt-in obligatoire". Dropped before
 * NECESSARY is read, so "Cookies de mesure d'audience (consentement obligatoire)" is statistics and
 * "Marketing cookies - mandatory opt-in" names no necessary section, while "Required cookies" and
 * "Cookies obligatoires" stay necessary. Fixed words only: linear in the heading.
 */
const CONSENT_REQUIRED = new RegExp(
  '\\b(?:consent(?:ement)?|accord|opt[- ]?in) (?:is |est )?(?:(?:prealable|prior|explicite?|expres) )?(?:required|obligatoire|requis|mandatory|necessaire|necessary)\\b' +
    "|\\b(?:required|obligatoire|requis|mandatory|necessaire|necessary) (?:(?:de |du |d'|of )?(?:votre |leur |your |the |user |prior )?)(?:consent|opt[- ]?in\\b)",
  'g',
);

// "Cookies requis" as "Required cookies": "requis" only within two words of the cookies it
// qualifies ("Cookies techniquement requis", "Cookies de session requis"), as French puts it mostly
// after consent ("votre accord préalable est requis", "opt-in requis"). Bounded: linear.
// "Fonctionnement" only as the cookies' own kind ("Cookies de fonctionnement", "Traceurs liés au
// fonctionnement du site"; "nécessaires au fonctionnement" is necessary by "nécessaire"): the noun
// alone also names what a tool measures ("Cookies de mesure du fonctionnement du site"), and
// "operational" likewise only as "Operational cookies". English "technical" and "mandatory" (for
// "techniques", "obligatoires") only within two words before the cookies they qualify ("Technical
// cookies", "Mandatory session cookies"), "mandatory" also after them ("Cookies that are
// mandatory"): elsewhere they qualify other things ("Technical information", "Advertising cookies
// (opt-in mandatory)"), and a section of trackers filed as necessary is a missed breach. A word
// starts with a letter: a lone dash is none ("Marketing cookies - mandatory opt-in"). Linear.
const NECESSARY =
  /necessaire|fonctionnel|\b(?:cookies?|traceurs?) (?:de |d'|du |lies au |pour le )?(?:bon )?fonctionnement\b|\boperational (?:cookies?|trackers?)\b|\bnecessary\b|essentiel|essential|indispensable|functional|\brequired\b|\b(?:cookies?|traceurs?)(?:\s[a-z][a-z-]*){0,2}\srequis\b|obligatoire|\btechniques?\b|\b(?:technical|mandatory)(?:\s[a-z][a-z-]*){0,2}\s(?:cookies?|trackers?)\b|\b(?:cookies?|trackers?)(?:\s[a-z][a-z-]*){0,2}\smandatory\b/;
// "Analyse" and "analytical" only beside the cookies they qualify ("Cookies d'analyse", "Traceurs
// d'analyse d'audience", "Analytical cookies"): alone they name other things ("Analyse de sécurité",
// "l'analyse de vos données", "No analytical tool"), and necessary rows filed as statistics are
// false alarms. Fixed words: linear.
const STATISTICS =
  /statisti|audience|analytics?\b|analytiques?\b|\banalyticals? (?:cookies?|trackers?)\b|\b(?:cookies?|traceurs?) d'analyses?\b|\bstats?\b|frequentation|measurement|\bmesures?\b|\bperformances?\b/;
const THIRD_PARTY = /\btiers\b|\btierces?\b|third[- ]part/;
const OTHER = /\bautres?\b|\bothers?\b|\bdivers\b|miscellaneous/;
const MENTIONS_COOKIES = /cookie|traceur|tracker/;

/**
 * Category a heading's wording names: necessary/functional, statistics, third-party, other (also
 * for "non-essential"); null if none. A section that says its cookies need no consent ("Cookies de
 * mesure d'audience exemptés de consentement") is necessary: the charter's word that they are set
 * whatever the visitor chooses, kept as for Matomo filed under the necessary cookies (a Google
 * Analytics cookie filed there is still judged as the statistics cookie it is: platform-cookies.ts
 * `charterTrackerCategory`).
 */
export function categoryOfHeading(text: string): Category | null {
  const folded = foldForMatching(text).replace(/<[^<>]*>|https?:\/\/\S+/g, ' ');
  if (saysExemptFromConsent(folded)) return 'necessary';
  const aboutCookies = folded.replace(CONSENT_REQUIRED, ' ');
  const negated = NEGATED_NECESSARY.test(aboutCookies);
  if (NECESSARY.test(aboutCookies) && !negated) return 'necessary';
  if (STATISTICS.test(folded)) return 'statistics';
  if (THIRD_PARTY.test(folded)) return 'third-party';
  // "Non-essential cookies" names a section all the same: never the necessary one.
  if (OTHER.test(folded) || negated) return 'other';
  return null;
}

/**
 * Reads a line as a heading, or returns null. A plain line counts only when it is short, ends
 * without sentence punctuation and is about cookies, so prose and provider names are not headings.
 */
export function readHeading(line: string): Heading | null {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_HEADING_LENGTH) return null;

  const markdown = /^(#{1,6})(?:\s+|$)/.exec(trimmed);
  if (markdown) {
    const text = collapseWhitespace(stripClosingHashes(trimmed.slice(markdown[0].length)));
    if (text === '') return null;
    return { text, level: markdown[1]?.length ?? 1, category: categoryOfHeading(text) };
  }

  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__):?$/.exec(trimmed);
  const text = collapseWhitespace(bold?.[1] ?? trimmed);
  if (!bold) {
    if (/[\t|]/.test(trimmed) || /[.,;:!]$/.test(text) || /^[-*•+>]\s/.test(text)) return null;
    if (text.split(' ').length > MAX_HEADING_WORDS) return null;
    // "Label: text" is a paragraph (readParagraphLabel decides whether it opens a section), not a title.
    if (/[:：]/.test(text.replace(/<?https?:\/\/\S*/gi, ''))) return null;
  }
  // "Ces cookies ne sont déposés qu'après votre consentement": the section's description, not a title, full stop or not.
  if (!bold && DESCRIBES_SECTION.test(foldForMatching(text))) return null;
  const category = categoryOfHeading(text);
  if (!bold && statesNone(text, category !== null)) return null;
  if (category === null && !MENTIONS_COOKIES.test(foldForMatching(text))) return null;
  return { text, level: null, category };
}

/** A condition on a cookie's deposit: "sans votre accord", "unless you consent", "prior to your consent". */
const CONDITION =
  /\b(?:sans|without|avant|before|qu'avec|qu'apres|only with|only after|until|sauf|unless|except|tant que|a moins|si vous|if you|prior to)\b/;

/**
 * A plain line saying no cookie of a kind is set, or that one is only set on a condition: "Aucun
 * cookie de suivi", "Aucun cookie tiers n'est déposé", "No tracking cookies are set", "Les cookies
 * de suivi ne sont déposés qu'avec votre consentement". A note about the section it is in, not a
 * title of another (read as one, it filed the section's necessary rows elsewhere). Only these
 * shapes: "Aucun(e)" opening (with a verb when it names a category: "Aucun consentement requis"
 * is a title), "No"/"None" opening with a verb ("No consent cookies", "None of the above" are
 * titles), but neither when it names a category or a kind with a CONDITION ("Aucun cookie de
 * mesure d'audience n'est déposé sans votre accord" may be its table's title); or, naming no
 * category, a determiner opening with "ne"/"n'" before its main verb ("Les cookies qui ne sont
 * pas déposés par nous" is a title). A title may hold any other verb or pronoun ("Cookies que
 * nous utilisons", "Advertising cookies we use": reading any such word as a note's dropped them,
 * tried and reverted on 2026-12-05). Fixed words, no nesting: linear.
 */
export function statesNone(text: string, namesCategory: boolean): boolean {
  const folded = foldForMatching(text.trim());
  // "Cookies qui ne sont pas déposés par nous": the negation of a relative clause, in a title.
  const negatedVerb = /\bn(?:e |')(?:sont|est|seront|sera)\b/.test(folded) && !/\bqui n(?:e |')/.test(folded);
  const verb = negatedVerb || /\b(?:are|is|were|was|will be)\b/.test(folded);
  // Naming a category or a kind (CONSENT_KIND_WORDS), a condition makes it its table's intro ("Aucun
  // cookie de mesure d'audience n'est déposé sans votre accord", "No advertising cookies are set
  // without your consent").
  const namesKind = namesCategory || folded.split(/[^\p{L}\p{N}]+/u).some((word) => CONSENT_KIND_WORDS.has(word));
  const conditional = namesKind && CONDITION.test(folded);
  if (/^(?:aucun|aucune)\s/.test(folded)) return !conditional && (verb || !namesCategory);
  if (/^(?:no|none)\s/.test(folded)) return verb && !conditional;
  // Naming a category, such a line may introduce its table ("Les cookies de mesure d'audience ne
  // sont déposés qu'avec votre accord"): read as its heading, as before.
  return negatedVerb && !namesCategory && /^(?:les|des|nos|vos|the|our)\s/.test(folded);
}

/** A sentence about the cookies of the section it is in: "Ces cookies …", "These cookies …". */
const DESCRIBES_SECTION = /^(?:these|this|such|those|ces|ce|cet|cette)\s+(?:cookies?|traceurs?|trackers?)\b/;

/** Longest label a category paragraph opens with ("Strictly necessary cookies", "Cookies de mesure d'audience"). */
const MAX_LABEL_LENGTH = 60;
const MAX_LABEL_WORDS = 8;
/** The sentence after a label that introduces a category: "These cookies …", "Ces cookies …". */
const INTRODUCES_CATEGORY = /^(?:these|this|such|those|ces|ce|cet|cette|les|the)\s+(?:cookies?|traceurs?|trackers?|outils?|tools?)\b/;

/**
 * Reads the label that opens a paragraph in the new template ("Strictly necessary cookies: These
 * cookies are necessary to …", "Cookies de mesure d'audience : …", "**Statistics cookies:**") as
 * a heading for the tables after it, or returns null. The label counts when it names a category
 * and is about cookies, or when the sentence after it introduces one ("These cookies …"): then a
 * label naming no category ("User experience: These cookies …") starts an `other` section.
 */
export function readParagraphLabel(line: string): Heading | null {
  return paragraphHeading(paragraphLabel(line));
}

/** readParagraphLabel's reading of a label already read. */
function paragraphHeading(opening: LabelOpening | null): Heading | null {
  if (opening === null) return null;
  const { label, category } = opening;
  const namesCategory = category !== null && MENTIONS_COOKIES.test(foldForMatching(label));
  // What follows the colon is read only when the label alone does not name a category.
  if (namesCategory) return { text: label, level: null, category };
  if (!INTRODUCES_CATEGORY.test(foldForMatching(opening.rest))) return null;
  return { text: label, level: null, category };
}

/**
 * The label opening a paragraph when it names a category without the word "cookies" ("Analytics:
 * we use Matomo …", "Mesure d'audience : …"), or null. Such a label is a heading only when a table
 * follows it, which the caller checks.
 */
function categoryLabelHeading(opening: LabelOpening | null): Heading | null {
  return opening?.category ? { text: opening.label, level: null, category: opening.category } : null;
}

/**
 * A line's label read once, for both readings of it: readParagraphLabel's (`paragraph`), and the
 * label as a category alone (`category`, categoryLabelHeading), which the reader asks when the
 * first gives nothing.
 */
export function readLabels(line: string): { paragraph: Heading | null; category: Heading | null } {
  const opening = paragraphLabel(line);
  return { paragraph: paragraphHeading(opening), category: categoryLabelHeading(opening) };
}

/** The short label before a paragraph's colon, its category and the text after it. */
type LabelOpening = { label: string; category: Category | null; rest: string };

/** A line's LabelOpening; null when it has none. */
function paragraphLabel(line: string): LabelOpening | null {
  // The label is short: only the start of a long paragraph is looked at.
  const head = line
    .slice(0, MAX_LABEL_LENGTH + 100)
    .trim()
    .replace(/^(?:[-*•+]\s+)?(?:\*\*|__)/, '');
  const colon = head.search(/[:：]/);
  if (colon <= 0 || colon > MAX_LABEL_LENGTH) return null;
  const label = collapseWhitespace(head.slice(0, colon).replace(/\*\*|__/g, ''));
  if (label === '' || label.split(' ').length > MAX_LABEL_WORDS || /[.!?;|\t]|https?$/.test(label)) return null;
  return { label, category: categoryOfHeading(label), rest: head.slice(colon + 1).replace(/^\s*(?:\*\*|__)?\s*/, '') };
}

/** Longest line taken for a section title that does not mention cookies ("User experience"). */
const MAX_TITLE_LENGTH = 60;
const MAX_TITLE_WORDS = 6;

/**
 * True when a short plain line could title a section on its own ("User experience", "Analytics"):
 * a few words starting with a capital, no sentence punctuation, no separators, and not just a
 * provider's name (a provider's sub-section keeps its category). Whether it does depends on
 * what follows it, which the caller checks: a table header or a category paragraph.
 */
export function couldTitleSection(line: string): boolean {
  const text = line.trim();
  if (text === '' || text.length > MAX_TITLE_LENGTH || !/^\p{Lu}/u.test(text)) return false;
  if (/[\t|:;.,!?<>()[\]{}_/\\]|https?:/.test(text) || text.split(/\s+/).length > MAX_TITLE_WORDS) return false;
  if (statesNone(text, categoryOfHeading(text) !== null)) return false;
  return !namesOnlyAProvider(text);
}

/** Words around a provider's name that do not make a section of their own: "Cookies Matomo", "Outil Hotjar", "Matomo tool". */
const PROVIDER_FILLER = new Set([
  'cookie',
  'cookies',
  'traceur',
  'traceurs',
  'tracker',
  'trackers',
  'outil',
  'outils',
  'tool',
  'tools',
  'service',
  'services',
  'le',
  'la',
  'les',
  'du',
  'de',
  'des',
  "d'",
  "l'",
  'the',
  'by',
  'par',
]);

/** True for "Matomo", "Google Analytics (GA4)", "Cookies Matomo", "Outil Hotjar": a line that only names a provider. */
function namesOnlyAProvider(text: string): boolean {
  // Leading filler words, one by one ("Cookies de", "Outil"), read in the text itself so positions hold.
  const fillerWord = /\s*(\p{L}+['’]?)/uy;
  let start = 0;
  while (knownProviderLengthsAt(text, start).length === 0) {
    fillerWord.lastIndex = start;
    const match = fillerWord.exec(text);
    if (!match || !PROVIDER_FILLER.has(foldForMatching(match[1] ?? ''))) return false;
    start = fillerWord.lastIndex;
    while (text[start] === ' ') start++;
  }
  return knownProviderLengthsAt(text, start).some((length) => onlyFillerAfter(text.slice(start + length)));
}

/** True when the text after a provider's name is only a remark in brackets and filler words ("(GA4)", "cookies"). */
function onlyFillerAfter(rest: string): boolean {
  const words = rest.replace(/\([^()]*\)/g, ' ').trim();
  return words === '' || words.split(/\s+/).every((word) => PROVIDER_FILLER.has(foldForMatching(word)));
}

/**
 * Words of a table caption that only say the table lists the cookies ("Liste des cookies
 * déposés", "Tableau récapitulatif des cookies", "Cookies used on this site", "Summary of
 * cookies"): such a caption titles no section of its own, and read as a heading it would start an
 * `other` one under the section heading above it. Kept small on purpose: any other word ("Cookies
 * publicitaires", "Cookies de nos partenaires", "Cookies Matomo") makes the caption a heading, read
 * as any heading is (a provider's name keeps the section it is in), since a word missing here
 * files a necessary table as `other` (a visible false alarm), while a word too many here would
 * file an advertising table under the necessary section above it (a silent missed breach).
 */
const GENERIC_CAPTION_WORDS = new Set([
  ...PROVIDER_FILLER,
  'liste',
  'list',
  'tableau',
  'table',
  'recapitulatif',
  'recapitulative',
  'summary',
  'overview',
  'depose',
  'deposes',
  'utilise',
  'utilises',
  'used',
  'set',
  'of',
  'on',
  'sur',
  'ce',
  'this',
  'site',
  'notre',
  'our',
]);

/**
 * True when a table's caption titles its table as a heading does: it names a category
 * (categoryOfHeading), or it mentions cookies with a word that does more than say the table lists
 * them (GENERIC_CAPTION_WORDS). Linear in the caption.
 */
export function captionTitlesTable(text: string): boolean {
  if (categoryOfHeading(text) !== null) return true;
  const folded = foldForMatching(text);
  if (!MENTIONS_COOKIES.test(folded)) return false;
  return folded.split(/[^\p{L}\p{N}]+/u).some((word) => word.length > 1 && !GENERIC_CAPTION_WORDS.has(word));
}

/** First words that open a sentence or a note, not a title: "These cookies are…", "Aucun cookie n'est…", "Note : …". */
const SENTENCE_OPENERS = new Set([
  'these',
  'this',
  'those',
  'such',
  'ces',
  'ce',
  'cet',
  'cette',
  'aucun',
  'aucune',
  'no',
  'none',
  'note',
  'nb',
]);
/** Words of a sentence (verbs, negations, pronouns) that no section title about a kind of cookies uses. */
const SENTENCE_WORDS = new Set([
  ...['is', 'are', 'was', 'were', 'be', 'been', 'will', 'would', 'may', 'can', 'could', 'must', 'should'],
  ...['do', 'does', 'did', 'not', 'never', 'we', 'you', 'they', 'it'],
  ...['est', 'sont', 'etait', 'sera', 'seront', 'ont', 'ne', 'n', 'pas', 'jamais', 'aucun', 'aucune'],
  ...['nous', 'vous', 'ils', 'elles', 'peut', 'peuvent', 'doit', 'doivent'],
]);
const COOKIE_WORDS = new Set(['cookie', 'cookies', 'traceur', 'traceurs', 'tracker', 'trackers']);
/**
 * Words naming a kind of cookies that needs consent and has no category of its own (advertising,
 * targeting, social networks, partners, tracking, personalisation, embedded video, unclassified):
 * a title in a table row starts an `other` section only with one of them (or CONSENT_KIND_PHRASES).
 * A list, not "any word but filler", since any other word may be a provider's name the known list
 * lacks ("Cookies Contentsquare"), and its rows, taken out of their section, would be judged as
 * `other` (a statistics tracker's finding lowered, a necessary cookie's raised).
 */
const CONSENT_KIND_WORDS = new Set([
  ...['publicitaire', 'publicitaires', 'publicite', 'publicites', 'advertising', 'advertisement', 'advertisements', 'ads'],
  ...['marketing', 'ciblage', 'ciblee', 'ciblees', 'cible', 'cibles', 'targeting', 'targeted', 'retargeting', 'remarketing', 'reciblage'],
  ...['profilage', 'profiling', 'comportemental', 'comportementale', 'comportementaux', 'comportementales', 'behavioural', 'behavioral'],
  ...['social', 'sociaux', 'sociale', 'sociales', 'partage', 'sharing'],
  ...['partenaire', 'partenaires', 'partner', 'partners', 'affiliation', 'affiliate', 'tracking', 'pistage', 'suivi'],
  ...['personnalisation', 'personalisation', 'personalization', 'personnalise', 'personnalises', 'personnalisee', 'personnalisees'],
  ...['personalised', 'personalized', 'video', 'videos', 'multimedia', 'embedded', 'embarques', 'integres'],
  ...['unclassified', 'uncategorised', 'uncategorized'],
]);
/**
 * Wording that names a kind of cookies needing consent in more than a word: that they need it
 * ("soumis à (votre) consentement", "nécessitant votre consentement", "déposés avec votre
 * consentement", "requiring consent", "that require your consent", "subject to consent"), or that
 * they are not classified ("non classés", "non catégorisés", whose "non" NOT_A_CONSENT_KIND would
 * otherwise read as a negation). Read on folded text and taken out before the words are read, so a
 * negation elsewhere ("Cookies non soumis à consentement", "sans") still takes the title back.
 * Fixed words: linear in the title.
 */
const CONSENT_KIND_PHRASES = new RegExp(
  '\\b(?:soumise?s?|subject) (?:a|au|aux|to) (?:votre |leur |the |your |user |prior )?consent' +
    '|\\b(?:necessit|requier|requer)(?:ant|ent) (?:votre |leur |le |un |du )?consentement' +
    '|\\b(?:requiring|requires?|needing|needs?) (?:the |your |user |prior )?consent\\b' +
    '|\\b(?:avec|with) (?:le |votre |leur |the |your |user |prior )?consent' +
    '|\\bnon[- ](?:classe|classifie|categorise|categorize)e?s?\\b',
  'g',
);
/**
 * Words that take a title out of CONSENT_KIND_WORDS' reading: a negation ("Cookies non
 * publicitaires"), or a kind of cookies that needs no consent ("Cookies de personnalisation de
 * l'interface", "Session tracking cookies"), whose rows filed as `other` would be false alarms.
 */
const NOT_A_CONSENT_KIND = new Set([
  ...['non', 'sans', 'without', 'hors', 'except', 'session', 'sessions', 'securite', 'security', 'authentification'],
  ...['authentication', 'connexion', 'login', 'langue', 'language', 'panier', 'cart', 'interface', 'equilibrage', 'balancing'],
]);

/**
 * True when the text of a cell standing alone in a table row (bold, or plain in a row padded to
 * the table's width) reads as a note rather than a title: its first word opens a sentence (SENTENCE_OPENERS: "These cookies are essential",
 * "Aucun cookie de mesure d'audience n'est déposé ici"). Linear in the text.
 */
export function opensLikeSentence(text: string): boolean {
  const first = /^[^\p{L}\p{N}]*([\p{L}\p{N}]+)/u.exec(foldForMatching(text))?.[1] ?? '';
  return SENTENCE_OPENERS.has(first);
}

/**
 * True when the text of a cell standing alone in a table row (`| **Cookies publicitaires** |`,
 * `| **Marketing cookies** |`, `| Cookies de suivi | | | |`) titles a section of cookies of a kind with no category, which then
 * starts an `other` section as a caption saying so does (captionTitlesTable). Only a title's shape
 * and words count, since an emphasised note cannot otherwise be told from it (README's Limits): at
 * most MAX_TITLE_WORDS words, "cookies" (or "traceurs", "trackers") first or last but for a remark
 * in brackets, no sentence punctuation but a closing colon, no sentence words (SENTENCE_OPENERS,
 * SENTENCE_WORDS), a word or wording naming a kind that needs consent (CONSENT_KIND_WORDS,
 * CONSENT_KIND_PHRASES: "Cookies soumis à votre consentement", "Cookies non classés") and no word
 * taking it back (NOT_A_CONSENT_KIND), and not only a provider's name ("Cookies Google Ads").
 * "Cookies Matomo", "Cookies Contentsquare", "Cookies de session" title none. Linear in the text.
 */
export function titlesOtherSection(text: string): boolean {
  // Length first: the closing colon's `\s*` would be quadratic on a long run of spaces.
  const trimmed = text.trim();
  if (trimmed.length > MAX_HEADING_LENGTH) return false;
  const title = trimmed.replace(/\s*[:：]$/, '');
  if (title === '' || /[:：.!?;]/.test(title)) return false;
  if (title.split(/\s+/).length > MAX_TITLE_WORDS || opensLikeSentence(title)) return false;
  const folded = foldForMatching(title.replace(/\([^()]*\)/g, ' '));
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (!COOKIE_WORDS.has(words[0] ?? '') && !COOKIE_WORDS.has(words[words.length - 1] ?? '')) return false;
  const phrasesOut = folded.replace(CONSENT_KIND_PHRASES, ' ');
  const otherWords = phrasesOut.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (otherWords.some((word) => SENTENCE_WORDS.has(word) || NOT_A_CONSENT_KIND.has(word))) return false;
  const namesKind = phrasesOut !== folded || words.some((word) => CONSENT_KIND_WORDS.has(word));
  return namesKind && !namesOnlyAProvider(title);
}

/** A line that opens a category paragraph whose category is worth a section: "These cookies …" after a label, or a label naming one. */
export function introducesSection(line: string): boolean {
  return readParagraphLabel(line) !== null || INTRODUCES_CATEGORY.test(foldForMatching(line.trim().slice(0, 100)));
}

function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  // "## Title ##" closes with hashes after a space; "C#" keeps its hash.
  if (hashes < end && (hashes === 0 || /\s/.test(text[hashes - 1] ?? ''))) end = hashes;
  return text.slice(0, end);
}

/**
 * Follows headings through the document to give each row its category. A heading naming no
 * category starts an 'other' section ("User experience"), but for a markdown sub-heading that
 * only names a provider ("#### Matomo" under "### Cookies statistiques"), which keeps its
 * parent's.
 */
export class SectionTracker {
  private readonly open: Array<{ level: number; category: Category }> = [];
  /** Category of rows read now. */
  category: Category = 'other';

  /** Moves into the section a heading opens. */
  enter(heading: Heading): void {
    if (heading.level === null) {
      // A plain or bold line naming only a provider ("Cookies Matomo") sits inside the section it
      // is in; any other naming no category ("Advertising cookies", a paragraph's "Personalisation
      // cookies:") starts an `other` one, as a markdown heading does (charter-formats.md: it does
      // not inherit the previous one).
      this.category = heading.category ?? (namesOnlyAProvider(heading.text) ? this.category : 'other');
      return;
    }
    while (this.open.length > 0 && (this.open[this.open.length - 1]?.level ?? 0) >= heading.level) this.open.pop();
    const parent = this.open[this.open.length - 1]?.category ?? 'other';
    this.category = heading.category ?? (namesOnlyAProvider(heading.text) ? parent : 'other');
    this.open.push({ level: heading.level, category: this.category });
  }
}

const TITLE = new RegExp(
  "^(?:charte (?:des |de |d'utilisation des |relative aux )?cookies" +
    "|politique (?:de |des |relative aux |d'utilisation des )?cookies" +
    '|cookies? polic(?:y|ies)|cookies? charter|gestion des cookies)\\b',
);

/** The heading as a page title ("Charte cookies", "Cookie Policy"), URL dropped; null for other headings. */
export function charterTitle(headingText: string): string | null {
  const title = collapseWhitespace(headingText.replace(/<https?:\/\/[^<>\s]*>/gi, ' '));
  return TITLE.test(foldForMatching(title)) ? title : null;
}

/** Host of an http(s) URL, lower case, without scheme, credentials, port or path; null if none. */
export function hostOfUrl(url: string): string | null {
  const match = /^https?:\/\/(?:[^\s/?#@]*@)?([^\s/?#:<>@]+)/i.exec(url.trim());
  const host = trimTrailingDots(match?.[1]?.toLowerCase() ?? '');
  return /^[\p{L}\p{N}](?:[\p{L}\p{N}.-]*[\p{L}\p{N}])?$/u.test(host) ? host : null;
}

/** Drops trailing dots; a loop, because `/\.+$/` is quadratic on a run of dots that does not end the text. */
function trimTrailingDots(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2e) end--;
  return text.slice(0, end);
}

const ANGLE_URL = /<(https?:\/\/[^<>\s]+)>/i;
const BARE_URL = /https?:\/\/[^\s<>()"'\]]+/i;
/** A markdown link whose text is itself an address; "[Download as PDF](...)" is not the portal. */
const LINK_ONLY = /^\[(?:https?:\/\/)?[\w.-]+\.[a-z]{2,}\/?\]\((https?:\/\/[^()\s]+)\)$/i;
const NAMES_PLATFORM = /plate-?forme|platform|portail|portal|\bsite\b/;

/**
 * Portal the charter names: a URL on a line of its own or on a heading about the platform
 * ("A quoi servent les cookies sur la plateforme <https://...>"), else the first URL in angle
 * brackets on a heading. Lines for which `isTableLine` is true (rows, whose cells may link anywhere) are skipped.
 */
export function findPortal(lines: readonly string[], isTableLine: (index: number) => boolean): string | null {
  let firstAngle: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    if (isTableLine(index)) continue;
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.length > 500) continue;
    const angle = ANGLE_URL.exec(line)?.[1];
    const link = LINK_ONLY.exec(line)?.[1];
    const urlOnly = /^<?https?:\/\/\S+?>?$/i.test(line) ? (angle ?? line) : (link ?? null);
    if (urlOnly) {
      const host = hostOfUrl(urlOnly);
      if (host) return host;
    }
    const url = angle ?? BARE_URL.exec(line)?.[0];
    const aboutPlatform = url !== undefined && NAMES_PLATFORM.test(foldForMatching(line.replace(url, ' ')));
    if (url && aboutPlatform && readHeading(line.replace(url, 'x')) !== null) {
      const host = hostOfUrl(url);
      if (host) return host;
    }
    // A link in prose ("see the CNIL <https://www.cnil.fr/…>") names some other site, not the portal.
    if (angle && firstAngle === null && readHeading(line.replace(`<${angle}>`, 'x')) !== null) firstAngle = hostOfUrl(angle);
  }
  return firstAngle;
}

const FRENCH_WORDS = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'de',
  'et',
  'est',
  'une',
  'un',
  'pour',
  'dans',
  'sur',
  'vous',
  'nous',
  'votre',
  'vos',
  'au',
  'aux',
  'ce',
  'ces',
  'cette',
  'qui',
  'que',
  'par',
  'pas',
  'avec',
  'ou',
  'sont',
  'leur',
  'en',
  'd',
  'l',
  'qu',
  'n',
  'prestataire',
  'finalite',
  'finalites',
  'duree',
  'fournisseur',
  'charte',
  'politique',
  'mois',
  'jours',
  'semaines',
  'ans',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'and',
  'of',
  'to',
  'is',
  'are',
  'you',
  'your',
  'we',
  'our',
  'for',
  'in',
  'with',
  'this',
  'that',
  'which',
  'by',
  'be',
  'from',
  'it',
  'not',
  'or',
  'any',
  'these',
  'when',
  'between',
  'provider',
  'supplier',
  'purpose',
  'purposes',
  'duration',
  'location',
  'policy',
  'name',
  'months',
  'days',
  'weeks',
  'years',
  'starting',
]);
/** Words read for language detection; enough for any charter, bounded for huge input. */
const MAX_LANGUAGE_WORDS = 50_000;

/** Language of the text by its common words: 'fr', 'en', or null when neither clearly wins. */
export function detectLanguage(text: string): ParsedCharter['language'] {
  const words = foldForMatching(text.slice(0, 500_000)).match(/[a-z]+/g) ?? [];
  let french = 0;
  let english = 0;
  for (const word of words.slice(0, MAX_LANGUAGE_WORDS)) {
    if (FRENCH_WORDS.has(word)) french++;
    else if (ENGLISH_WORDS.has(word)) english++;
  }
  if (Math.max(french, english) < 2 || french === english) return null;
  return french > english ? 'fr' : 'en';
}
