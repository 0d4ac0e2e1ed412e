// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { ConsentSummary } from '../../src/views/ConsentSummary.tsx';
import type { Report } from '../../src/core/report/report.ts';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

const show = (consent: Report['consent']) => render(<ConsentSummary consent={consent} t={t} />).container;

describe('ConsentSummary', () => {
  it('shows the overall state, and no tracker list when the choice names none', () => {
    const container = show({ state: 'none', changedAt: null, trackers: {} });
    expect(container.querySelector('[data-consent]')?.textContent).toBe('consent_none');
    expect(container.querySelector('ul')).toBeNull();
  });

  it('reads a mixed choice as per tracker, each tracker by its name', () => {
    const container = show({ state: 'choice', changedAt: 1, trackers: { matomo: true, ga: false } });
    expect(container.querySelector('[data-consent]')?.textContent).toBe('consentPerTracker');
    expect([...container.querySelectorAll('[data-tracker]')].map((li) => li.textContent)).toEqual([
      'trackerAccepted Matomo',
      'trackerRefused Google Analytics',
    ]);
  });

  it('keeps "choice recorded" for a choice it could not read tracker by tracker', () => {
    expect(show({ state: 'choice', changedAt: 1, trackers: {} }).querySelector('[data-consent]')?.textContent).toBe('consent_choice');
  });
});
