// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { StorageNotice } from '../../src/views/StorageNotice.tsx';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

const kept = { sitesDropped: 0, lastDropAt: null, cookiesDropped: 0, unsavedSince: null };
const parts = (container: Element) => [...container.querySelectorAll('[data-notice-part]')].map((p) => p.getAttribute('data-notice-part'));

describe('StorageNotice', () => {
  it('renders nothing when everything was kept', () => {
    expect(render(<StorageNotice storage={kept} siteEvicted={false} t={t} language="en" />).container.innerHTML).toBe('');
  });

  it('says each thing that could not be kept', () => {
    const { container } = render(
      <StorageNotice storage={{ sitesDropped: 4, lastDropAt: 1, cookiesDropped: 2, unsavedSince: 0 }} siteEvicted t={t} language="en" />,
    );
    expect(parts(container)).toEqual(['site-evicted', 'sites-dropped', 'cookies-dropped', 'unsaved']);
    expect(container.querySelector('[data-notice-part="sites-dropped"]')?.textContent).toBe('storageSitesDropped 4');
  });

  it('says "1 site" with its own message', () => {
    const { container } = render(<StorageNotice storage={{ ...kept, sitesDropped: 1 }} siteEvicted={false} t={t} language="en" />);
    expect(container.textContent).toBe('storageSitesDroppedOne');
  });
});
