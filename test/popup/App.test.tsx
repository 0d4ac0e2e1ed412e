// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { App } from '../../src/popup/App.tsx';
import type { SiteSnapshot } from '../../src/core/messages.ts';
import { describeCookie } from '../../src/core/cookies/cookie-record.ts';
import { browserCookie } from '../support/cookies.ts';
import type { Translate } from '../../src/platform/i18n.ts';

afterEach(cleanup);

/** Shows keys and substitutions, so tests read which message was chosen. */
const t: Translate = (key, ...subs) => [key, ...subs].join(' ');

function site(names: string[], host = 'data.tco.re'): SiteSnapshot {
  return { host, isPortal: true, cookies: names.map((name) => describeCookie(browserCookie({ name }), 1)) };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const noSubscription = () => () => undefined;

describe('popup App', () => {
  it('shows loading, never "no cookies", until the worker answers', async () => {
    const answer = deferred<SiteSnapshot>();
    const { container } = render(
      <App findHost={async () => 'data.tco.re'} loadSite={() => answer.promise} onStateChanged={noSubscription} t={t} language="en" />,
    );
    expect(container.querySelector('main')!.dataset.state).toBe('loading');
    expect(container.textContent).not.toContain('noCookies');
    answer.resolve(site(['sessionid', 'csrftoken']));
    await waitFor(() => expect(container.querySelector('main')!.dataset.state).toBe('ready'));
    expect([...container.querySelectorAll('[data-cookie]')].map((row) => row.getAttribute('data-cookie'))).toEqual([
      'sessionid',
      'csrftoken',
    ]);
  });

  it('renders a hostile cookie name as text', async () => {
    const { container } = render(
      <App findHost={async () => 'data.tco.re'} loadSite={async () => site(['<b>x</b>'])} onStateChanged={noSubscription} t={t} language="en" />,
    );
    await screen.findByText('<b>x</b>');
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('[data-cookie="<b>x</b>"]')).not.toBeNull();
  });

  it('says when there is no site, when a site is not a portal, and when a portal has no cookies yet', async () => {
    const views = [
      { findHost: async () => null, expected: 'noSite' },
      { findHost: async () => 'example.org', expected: 'notPortal example.org' },
      { findHost: async () => 'data.tco.re', expected: 'noCookies data.tco.re' },
    ];
    for (const { findHost, expected } of views) {
      const { container } = render(
        <App
          findHost={findHost}
          loadSite={async (host) => ({ host, isPortal: host !== 'example.org', cookies: [] })}
          onStateChanged={noSubscription}
          t={t}
          language="en"
        />,
      );
      await waitFor(() => expect(container.textContent).toContain(expected));
      cleanup();
    }
  });

  it('shows a load error with a working retry', async () => {
    let calls = 0;
    const loadSite = async () => {
      calls++;
      if (calls === 1) throw new Error('No answer from the background worker');
      return site(['sessionid']);
    };
    const { container } = render(
      <App findHost={async () => 'data.tco.re'} loadSite={loadSite} onStateChanged={noSubscription} t={t} language="en" />,
    );
    const retry = await screen.findByRole('button', { name: 'retry' });
    expect(screen.getByRole('alert').textContent).toContain('No answer from the background worker');
    fireEvent.click(retry);
    await waitFor(() => expect(container.querySelector('[data-cookie="sessionid"]')).not.toBeNull());
  });

  it('follows the recorded state while open', async () => {
    let notify: () => void = () => undefined;
    let names = ['sessionid'];
    const { container } = render(
      <App
        findHost={async () => 'data.tco.re'}
        loadSite={async () => site(names)}
        onStateChanged={(listener) => ((notify = listener), () => undefined)}
        t={t}
        language="en"
      />,
    );
    await waitFor(() => expect(container.querySelectorAll('[data-cookie]')).toHaveLength(1));
    names = ['sessionid', 'csrftoken'];
    notify();
    await waitFor(() => expect(container.querySelectorAll('[data-cookie]')).toHaveLength(2));
  });
});
