// @vitest-environment happy-dom
/** The views loaded on demand: the real ones, loaded when asked; the page tools only when the page has one. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { PageTools, ReportView } from '../../src/views/lazy-views.tsx';
import { preloadViews } from '../../src/views/lazy-tabs.tsx';
import { TIMING_MARKS } from '../../src/core/timing-marks.ts';
import { t } from '../support/render-app.tsx';

describe('lazy views', () => {
  afterEach(cleanup);

  it('render nothing for page tools when the page offers none', () => {
    const { container } = render(<PageTools t={t} />);
    expect(container.innerHTML).toBe('');
  });

  it('load the page tools when the page has one, and show it', async () => {
    render(<PageTools openSidePanel={() => Promise.resolve()} t={t} />);
    expect(await screen.findByRole('button', { name: 'openSidePanel' })).toBeTruthy();
  });

  it('load every view, and mark when the report’s view arrived', async () => {
    performance.clearMarks(TIMING_MARKS.reportViewLoaded);
    await preloadViews();
    expect(performance.getEntriesByName(TIMING_MARKS.reportViewLoaded)).toHaveLength(1);
    // Loaded: the report's view renders at once, without a loading line.
    await ReportView.preload();
  });
});
