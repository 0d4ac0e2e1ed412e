// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { CharterInfo } from '../../src/views/CharterInfo.tsx';
import type { Report } from '../../src/core/report/report.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

const bundled: Report['charter'] = { kind: 'bundled', portal: 'data.tco.re', language: 'fr', entries: 4, live: null, changes: null };
const show = (charter: Report['charter'], pending = false, onRefresh = vi.fn()) =>
  render(<CharterInfo charter={charter} pending={pending} onRefresh={onRefresh} t={t} language="en" />).container;

describe('CharterInfo', () => {
  it('says which charter the report uses, and offers to read the live one again', () => {
    const onRefresh = vi.fn();
    const container = show(bundled, false, onRefresh);
    expect(container.querySelector('[data-charter]')?.getAttribute('data-charter')).toBe('bundled');
    expect(container.textContent).toContain('charterBundled');
    fireEvent.click(container.querySelector('[data-action="refresh-charter"]')!);
    expect(onRefresh).toHaveBeenCalled();
  });

  it('says while the live charter is read, with the button disabled', () => {
    const container = show(bundled, true);
    expect(container.querySelector('[role="status"]')?.textContent).toContain('charterPending');
    expect(container.querySelector<HTMLButtonElement>('[data-action="refresh-charter"]')?.disabled).toBe(true);
  });

  it('names a live charter’s address, and why the live one could not be read', () => {
    const live = show({
      ...bundled,
      kind: 'live',
      live: { fetchedAt: 0, url: 'https://data.tco.re/terms/cookies-policy/', problem: null },
    });
    expect(live.textContent).toContain('charterLive https://data.tco.re/terms/cookies-policy/');
    cleanup();
    const failed = show({ ...bundled, live: { fetchedAt: 0, url: null, problem: 'HTTP 404 at /terms/cookies-information' } });
    expect(failed.querySelector('[data-live-problem]')?.textContent).toBe(
      'charterLiveUnavailable HTTP 404 at /terms/cookies-information charterFallbackBundled',
    );
  });

  it('lists what a live charter added, removed and changed, names as text', () => {
    const entry = {
      provider: 'Matomo',
      service: null,
      cookie: '<b>_pk_id</b>',
      match: 'prefix' as const,
      purpose: 'Audience',
      duration: null,
      category: 'statistics' as const,
    };
    const container = show({
      ...bundled,
      kind: 'live',
      changes: {
        added: [entry],
        removed: [{ ...entry, cookie: 'old' }],
        changed: [{ cookie: 'sessionid', fields: [{ field: 'purpose', before: 'a', after: null }] }],
      },
    });
    expect([...container.querySelectorAll('[data-change]')].map((li) => li.getAttribute('data-change'))).toEqual([
      'added',
      'removed',
      'changed',
    ]);
    expect(container.querySelector('[data-change="added"] code')?.textContent).toBe('<b>_pk_id</b>*');
    expect(container.querySelector('[data-change="changed"]')?.textContent).toContain('field_purpose “a” → “—”');
  });

  it('says the live charter matches the bundled one, and offers no refresh without any charter', () => {
    expect(show({ ...bundled, kind: 'live', changes: { added: [], removed: [], changed: [] } }).textContent).toContain('charterSame');
    cleanup();
    expect(show({ ...bundled, kind: 'none' }).querySelector('[data-action="refresh-charter"]')).toBeNull();
  });
});
