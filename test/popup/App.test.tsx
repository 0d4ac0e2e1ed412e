// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import type { SiteView } from '../../src/core/messages.ts';
import { portalView } from '../support/reports.ts';
import { renderApp } from '../support/popup.tsx';

afterEach(cleanup);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const state = (container: Element) => container.querySelector('main')!.getAttribute('data-state');
const rowNames = (container: Element) => [...container.querySelectorAll('[data-cookie]')].map((row) => row.getAttribute('data-cookie'));

describe('popup App', () => {
  it('shows loading, never "no cookies", until the worker answers', async () => {
    const answer = deferred<SiteView>();
    const { container } = renderApp({ loadSite: () => answer.promise });
    expect(state(container)).toBe('loading');
    expect(container.textContent).toContain('loading');
    expect(container.textContent).not.toContain('noCookies');
    answer.resolve(portalView(['sessionid', 'csrftoken']));
    await waitFor(() => expect(state(container)).toBe('ready'));
    expect(rowNames(container)).toEqual(['sessionid', 'csrftoken']);
  });

  it('says when the tab shows no site', async () => {
    const { container } = renderApp({ findSite: async () => null });
    await waitFor(() => expect(container.textContent).toContain('noSite'));
  });

  it('offers access to a site it cannot see, and loads it once granted', async () => {
    let granted = false;
    const requestAccess = vi.fn(async () => (granted = true));
    const { container } = renderApp({
      findSite: async () => ({ host: 'example.org' }),
      loadSite: async () => (granted ? portalView(['visitor']) : { kind: 'no-access', host: 'example.org', portal: false }),
      requestAccess,
    });
    const grant = await screen.findByRole('button', { name: 'grantSite example.org' });
    expect(container.textContent).toContain('noAccessSite example.org');
    fireEvent.click(grant);
    await waitFor(() => expect(rowNames(container)).toEqual(['visitor']));
    expect(requestAccess).toHaveBeenCalledWith(['*://example.org/*']);
  });

  it('asks for the portals’ access when the browser did not grant it at install', async () => {
    const requestAccess = vi.fn(async () => false);
    renderApp({ loadSite: async () => ({ kind: 'no-access', host: 'data.tco.re', portal: true }), requestAccess });
    fireEvent.click(await screen.findByRole('button', { name: 'grantPortals' }));
    await screen.findByText('grantRefused');
    expect(requestAccess).toHaveBeenCalledWith(['*://*.opendatasoft.com/*']);
  });

  it('shows a load error with a working retry', async () => {
    let calls = 0;
    const { container } = renderApp({
      loadSite: async () => {
        calls++;
        if (calls === 1) throw new Error('No answer from the background worker');
        return portalView(['sessionid']);
      },
    });
    const retry = await screen.findByRole('button', { name: 'retry' });
    expect(screen.getByRole('alert').textContent).toContain('No answer from the background worker');
    fireEvent.click(retry);
    await waitFor(() => expect(rowNames(container)).toEqual(['sessionid']));
  });

  it('follows the recorded state while open', async () => {
    let notify: () => void = () => undefined;
    let names = ['sessionid'];
    const { container } = renderApp({
      loadSite: async () => portalView(names),
      onStateChanged: (listener) => ((notify = listener), () => undefined),
    });
    await waitFor(() => expect(rowNames(container)).toHaveLength(1));
    names = ['sessionid', 'csrftoken'];
    notify();
    await waitFor(() => expect(rowNames(container)).toHaveLength(2));
  });
});
