import { describe, expect, it } from 'vitest';
import { findingText } from '../../src/views/finding-text.ts';
import { finding } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';

describe('findingText', () => {
  it('words each kind of finding from its data, in the interface’s language', () => {
    const detail = { provider: 'Matomo', category: 'statistics' as const, source: 'known-tracker' as const };
    expect(findingText(finding({ kind: 'undeclared', cookie: '_pk_id', detail }), t, 'en')).toBe('evidenceUndeclared source_known_tracker');
    // Against the platform's default, standing in for a charter not read: not "the site's charter".
    expect(
      findingText(finding({ kind: 'undeclared', cookie: '_pk_id', detail: { ...detail, charter: 'platform-default' } }), t, 'en'),
    ).toBe('evidenceUndeclaredDefault source_known_tracker');
    expect(findingText(finding({ kind: 'before-consent', cookie: '_pk_id', detail }), t, 'en')).toBe(
      'evidenceBeforeConsent Matomo category_statistics',
    );
    expect(findingText(finding({ kind: 'after-refusal', cookie: '_pk_id', detail: { ...detail, how: 'kept' } }), t, 'en')).toBe(
      'evidenceKeptAfterRefusal Matomo category_statistics',
    );
    expect(findingText(finding({ kind: 'after-refusal', cookie: '_pk_id', detail: { ...detail, how: 'set' } }), t, 'en')).toBe(
      'evidenceSetAfterRefusal Matomo category_statistics',
    );
    expect(
      findingText(
        finding({ kind: 'after-refusal', cookie: '_ga', detail: { ...detail, provider: 'Google', how: 'set', refused: ['ga'] } }),
        t,
        'en',
      ),
    ).toBe('evidenceSetAfterTrackerRefusal Google category_statistics Google Analytics (ga=false)');
    expect(
      findingText(
        finding({ kind: 'after-refusal', cookie: 'atuserid', detail: { ...detail, how: 'kept', refused: ['at', 'xiti'] } }),
        t,
        'en',
      ),
    ).toBe('evidenceKeptAfterTrackerRefusal Matomo category_statistics AT Internet (at=false), XiTi (xiti=false)');
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
});
