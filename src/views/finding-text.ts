/** A finding's facts in the interface's language (exports keep the English `evidence`). */
import type { Finding } from '../core/report/findings.ts';
import { trackerName } from '../core/consent/tracker-names.ts';
import { formatLifetime } from './time-format.ts';
import { messageKey, type Translate } from '../core/ui-strings.ts';

export function findingText(finding: Finding, t: Translate, language: string): string {
  const { detail } = finding;
  const provider = detail.provider || t('unknownProvider');
  const category = t(messageKey('category', detail.category));
  switch (finding.kind) {
    case 'undeclared':
      return t(
        detail.charter === 'platform-default' ? 'evidenceUndeclaredDefault' : 'evidenceUndeclared',
        t(messageKey('source', detail.source)),
      );
    case 'before-consent':
      return t('evidenceBeforeConsent', provider, category);
    case 'after-refusal': {
      const kept = detail.how === 'kept';
      if (!detail.refused?.length) return t(kept ? 'evidenceKeptAfterRefusal' : 'evidenceSetAfterRefusal', provider, category);
      // "Google Analytics (ga=false)": the tracker's name, and the flag as the cookie holds it.
      const trackers = detail.refused.map((key) => `${trackerName(key)} (${key}=false)`).join(', ');
      return t(kept ? 'evidenceKeptAfterTrackerRefusal' : 'evidenceSetAfterTrackerRefusal', provider, category, trackers);
    }
    case 'lifetime':
      return t('evidenceLifetime', detail.stated ?? '', formatLifetime(detail.actualSeconds ?? 0, language));
    case 'not-seen':
      return t('evidenceNotSeen', provider);
  }
}
