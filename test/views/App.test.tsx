// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import type { SiteView } from '../../src/core/message-contract.ts';
import { portalView } from '../support/reports.ts';
import { renderApp } from '../support/render-app.tsx';

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

  it('follows its own site’s recorded state while open, not other sites’', async () => {
    let notify: (keys: string[]) => void = () => undefined;
    let names = ['sessionid'];
    let loads = 0;
    const { container } = renderApp({
      loadSite: async () => (loads++, portalView(names)),
      onStateChanged: (listener) => ((notify = listener), () => undefined),
    });
    await waitFor(() => expect(rowNames(container)).toHaveLength(1));
    names = ['sessionid', 'csrftoken'];
    notify(['site:0|data.toulouse-metropole.fr']);
    expect(loads).toBe(1);
    notify(['site:0|data.tco.re']);
    await waitFor(() => expect(rowNames(container)).toHaveLength(2));
  });

  it('keeps the newest answer when answers come back out of order', async () => {
    let notify: (keys: string[]) => void = () => undefined;
    const answers = [deferred<SiteView>(), deferred<SiteView>(), deferred<SiteView>()];
    let call = 0;
    const { container } = renderApp({
      loadSite: () => answers[call++]!.promise,
      onStateChanged: (listener) => ((notify = listener), () => undefined),
    });
    answers[0]!.resolve(portalView(['first']));
    await waitFor(() => expect(rowNames(container)).toEqual(['first']));
    notify(['site:0|data.tco.re']);
    notify(['site:0|data.tco.re']);
    answers[2]!.resolve(portalView(['newest']));
    await waitFor(() => expect(rowNames(container)).toEqual(['newest']));
    answers[1]!.resolve(portalView(['stale']));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(rowNames(container)).toEqual(['newest']);
  });
});
