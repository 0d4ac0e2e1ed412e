/** A finding's facts in the interface's language (exports keep the English `evidence`). */
import type { Finding } from '../core/report/findings.ts';
import { trackerName } from '../core/consent/tracker-names.ts';
import { formatFlaggedLifetime, secondsWords } from './lifetime-format.ts';
import { around } from './own-words.ts';
import { oneParagraph } from '../core/one-paragraph.ts';
import { messageKey, type MessageKey, type Translate } from '../core/ui-strings.ts';

/**
 * The sentences that open with the provider ("Matomo cookie (statistics), …"), each with its
 * sentence for a cookie whose provider is unknown, written whole: "unknown provider" slotted in
 * would open the sentence in lower case.
 */
const WITHOUT_PROVIDER = {
  evidenceBeforeConsent: 'evidenceBeforeConsentUnknownProvider',
  evidenceSetAfterRefusal: 'evidenceSetAfterRefusalUnknownProvider',
  evidenceKeptAfterRefusal: 'evidenceKeptAfterRefusalUnknownProvider',
  evidenceSetAfterTrackerRefusal: 'evidenceSetAfterTrackerRefusalUnknownProvider',
  evidenceKeptAfterTrackerRefusal: 'evidenceKeptAfterTrackerRefusalUnknownProvider',
} as const satisfies Partial<Record<MessageKey, MessageKey>>;

/** The sentences of an undeclared cookie, by the charter it is missing from (as findings.ts words its evidence). */
const UNDECLARED_KEYS = {
  site: { own: 'evidenceUndeclared', embedded: 'evidenceUndeclaredEmbedded' },
  'platform-default': { own: 'evidenceUndeclaredDefault', embedded: 'evidenceUndeclaredDefaultEmbedded' },
  none: { own: 'evidenceUndeclaredNoCharter', embedded: 'evidenceUndeclaredNoCharterEmbedded' },
} as const satisfies Record<string, { own: MessageKey; embedded: MessageKey }>;

/** A finding's facts in the interface's language, as one text. */
export function findingText(finding: Finding, t: Translate, language: string): string {
  return findingWords(finding, t, language).join('');
}

/**
 * A finding's facts as parts: the text; for a lifetime finding, the charter's words it quotes
 * apart, between the text before and after them, for the page to mark with the charter's language.
 */
export function findingWords(finding: Finding, t: Translate, language: string): [string] | [string, string | null, string] {
  if (finding.kind === 'lifetime')
    return around(
      (mark) =>
        t(
          'evidenceLifetime',
          mark,
          secondsWords(finding.detail.actualSeconds ?? 0, t, (seconds) => formatFlaggedLifetime(seconds, language)),
        ),
      // The charter's words, in one paragraph as every quoted text (one-paragraph.ts).
      oneParagraph(finding.detail.stated ?? ''),
    );
  return [findingSentence(finding, t, language)];
}

function findingSentence(finding: Finding, t: Translate, language: string): string {
  const { detail } = finding;
  const { embedded } = detail;
  // Embedded content's cookie is said to be so, and where, beside its category: the site is not blamed for a frame's.
  const category = embedded
    ? t('evidenceCategoryEmbedded', t(messageKey('categoryOne', detail.category)), embedded)
    : t(messageKey('categoryOne', detail.category));
  /** A sentence that opens with the provider, or its own sentence when the provider is unknown. */
  const aboutProvider = (key: keyof typeof WITHOUT_PROVIDER, ...rest: string[]) =>
    detail.provider ? t(key, detail.provider, category, ...rest) : t(WITHOUT_PROVIDER[key], category, ...rest);
  switch (finding.kind) {
    case 'undeclared': {
      // The charter it is missing from: the site's own, the platform's default, or none found (never "the site's charter" then).
      const keys = UNDECLARED_KEYS[detail.charter ?? 'site'];
      const source = t(messageKey('source', detail.source));
      return embedded ? t(keys.embedded, embedded, source) : t(keys.own, source);
    }
    case 'before-consent':
      return aboutProvider('evidenceBeforeConsent');
    case 'after-refusal': {
      const kept = detail.how === 'kept';
      if (!detail.refused?.length) return aboutProvider(kept ? 'evidenceKeptAfterRefusal' : 'evidenceSetAfterRefusal');
      // "Google Analytics (ga=false)": the tracker's name, and the flag as the cookie holds it.
      const trackers = detail.refused.map((key) => `${trackerName(key)} (${key}=false)`).join(', ');
      return aboutProvider(kept ? 'evidenceKeptAfterTrackerRefusal' : 'evidenceSetAfterTrackerRefusal', trackers);
    }
    case 'lifetime':
      return findingText(finding, t, language);
    case 'not-seen':
      return t('evidenceNotSeen', detail.provider || t('unknownProvider'));
  }
}
