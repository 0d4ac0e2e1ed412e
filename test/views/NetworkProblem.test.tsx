// @vitest-environment happy-dom
/** DevTools' network log that could not be read: said above the timeline, with a Retry that keeps the focus while it asks. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { NoAnswer } from '../../src/core/message-contract.ts';
import { NetworkProblem } from '../../src/views/NetworkProblem.tsx';
import type { NetworkRead } from '../../src/views/set-by-shown.ts';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

const failed: NetworkRead = { log: null, failed: { error: new NoAnswer('getNetworkLog') }, asking: false };
const read: NetworkRead = { log: { tabId: 4, openedAt: 0, responses: [] }, failed: null, asking: false };

describe('NetworkProblem', () => {
  it('says nothing while the log is read', () => {
    expect(render(<NetworkProblem read={read} retry={() => undefined} t={t} />).container.innerHTML).toBe('');
  });

  it('says why the log could not be read, in the UI language, with a Retry', () => {
    const retry = vi.fn();
    render(<NetworkProblem read={failed} retry={retry} t={localeTranslate('fr')} />);
    expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe(
      'Impossible de lire ce que DevTools a entendu dans cet onglet, la chronologie ne peut donc pas dire quelle réponse a déposé chaque cookie\u202f: le service de l’extension n’a pas répondu',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('keeps its Retry, the focus on it, while it asks, the problem emptied', () => {
    const { rerender } = render(<NetworkProblem read={failed} retry={() => undefined} t={t} />);
    const retry = screen.getByRole('button', { name: 'retry' });
    retry.focus();
    fireEvent.click(retry);
    rerender(<NetworkProblem read={{ ...failed, asking: true }} retry={() => undefined} t={t} />);
    expect(screen.getByRole('alert').querySelector('p')?.textContent).toBe('');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'retry' }));
  });

  it('gives the focus to the page’s title once a retry read the log (its Retry goes), never to <body>', () => {
    const { rerender } = render(
      <main>
        <h1 tabIndex={-1}>title</h1>
        <NetworkProblem read={failed} retry={() => undefined} t={t} />
      </main>,
    );
    const retry = screen.getByRole('button', { name: 'retry' });
    retry.focus();
    fireEvent.click(retry);
    rerender(
      <main>
        <h1 tabIndex={-1}>title</h1>
        <NetworkProblem read={read} retry={() => undefined} t={t} />
      </main>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement?.tagName).toBe('H1');
  });
});
