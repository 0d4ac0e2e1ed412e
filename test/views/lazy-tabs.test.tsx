// @vitest-environment happy-dom
/** The views behind the report's tabs: loaded when asked, then rendered at once, without a loading line. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { ExportPanel, preloadTabs, preloadViews } from '../../src/views/lazy-tabs.tsx';
import { t } from '../support/render-app.tsx';

describe('lazy tabs', () => {
  afterEach(cleanup);

  it('preloadTabs starts loading the tabs’ views, and preloadViews resolves when every view is there', async () => {
    preloadTabs();
    await preloadViews();
    const exportReport = () => Promise.reject(new Error('not asked'));
    const { container } = render(<ExportPanel exportReport={exportReport} download={() => undefined} copy={async () => undefined} t={t} />);
    // Loaded: its fieldsets at once, no loading line.
    expect(container.querySelector('.export fieldset')).not.toBeNull();
    expect(container.textContent).not.toContain('loading');
  });
});
