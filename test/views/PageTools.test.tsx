// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { PageTools } from '../../src/views/PageTools.tsx';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';
import { openSidePanel as openPlatformSidePanel } from '../../src/platform/side-panel.ts';

afterEach(cleanup);

describe('PageTools', () => {
  it('shows nothing where the page has no tool', () => {
    expect(render(<PageTools t={t} />).container.innerHTML).toBe('');
  });

  it('opens the side panel from the click, and says when it could not', async () => {
    const openSidePanel = vi.fn(async () => {
      throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
    });
    const { container } = render(<PageTools openSidePanel={openSidePanel} t={t} />);
    fireEvent.click(container.querySelector('[data-action="open-side-panel"]')!);
    expect(openSidePanel).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(container.querySelector('[data-tools-status]')?.textContent).toContain('sidePanelFailed'));
  });

  it.each([
    ['en', 'The side panel could not be opened: the window it opens in could not be found'],
    ['fr', 'Le panneau latéral n’a pas pu s’ouvrir\u202f: la fenêtre où l’ouvrir est introuvable'],
  ] as const)(
    'says in the UI language (%s) that the window was not found when the popup could not tell its window',
    async (language, said) => {
      // The popup's tools with no window id (currentWindowId failed), Chrome's sidePanel API, the real platform function.
      const openSidePanel = () => openPlatformSidePanel(null, { sidePanel: { open: async () => undefined } });
      const { container } = render(<PageTools openSidePanel={openSidePanel} t={localeTranslate(language)} />);
      fireEvent.click(container.querySelector('[data-action="open-side-panel"]')!);
      await waitFor(() => expect(container.querySelector('[data-tools-status="failed"]')?.textContent).toBe(said));
    },
  );

  it('says in the UI language when the browser has no side panel at all', async () => {
    const { container } = render(<PageTools openSidePanel={() => openPlatformSidePanel(1, {})} t={localeTranslate('fr')} />);
    fireEvent.click(container.querySelector('[data-action="open-side-panel"]')!);
    await waitFor(() =>
      expect(container.querySelector('[data-tools-status="failed"]')?.textContent).toBe(
        'Le panneau latéral n’a pas pu s’ouvrir\u202f: ce navigateur n’en a pas',
      ),
    );
  });

  it('enables the DevTools panel, then no longer offers it', async () => {
    const request = vi.fn(async () => true);
    const { container } = render(<PageTools devtoolsPanel={{ request }} t={t} />);
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    await waitFor(() => expect(container.querySelector('[data-tools-status]')?.textContent).toBe('enableDevtoolsDone'));
    expect(container.querySelector('[data-action="enable-devtools"]')).toBeNull();
  });

  it('takes the focus to the page’s title once the DevTools panel is enabled (its button goes), and says so in a line that was there', async () => {
    const title = document.body.appendChild(document.createElement('h1'));
    title.tabIndex = -1;
    const { container } = render(<PageTools devtoolsPanel={{ request: async () => true }} focusTitle={() => title.focus()} t={t} />);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    expect(status.hasAttribute('data-tools-status')).toBe(false);
    const enable = container.querySelector<HTMLButtonElement>('[data-action="enable-devtools"]')!;
    enable.focus();
    fireEvent.click(enable);
    await waitFor(() => expect(status.getAttribute('data-tools-status')).toBe('done'));
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status.textContent).toBe('enableDevtoolsDone');
    expect(document.activeElement).toBe(title);
    title.remove();
  });

  it('says a second failure to open the side panel again: the line is emptied as it tries, then written again', async () => {
    let fail: (error: Error) => void = () => undefined;
    const openSidePanel = () => new Promise<void>((_, reject) => (fail = reject));
    const { container } = render(<PageTools openSidePanel={openSidePanel} t={t} />);
    const status = container.querySelector('[role="status"]')!;
    fireEvent.click(container.querySelector('[data-action="open-side-panel"]')!);
    fail(new Error('No active side panel'));
    await waitFor(() => expect(status.textContent).toBe('sidePanelFailed No active side panel'));
    fireEvent.click(container.querySelector('[data-action="open-side-panel"]')!);
    // Left as it was, the same words would not be said again.
    await waitFor(() => expect(status.textContent).toBe(''));
    fail(new Error('No active side panel'));
    await waitFor(() => expect(status.textContent).toBe('sidePanelFailed No active side panel'));
    expect(container.querySelector('[role="status"]')).toBe(status);
  });

  it('says a second DevTools refusal again: the line is emptied as it asks, then written again', async () => {
    let answer: (ok: boolean) => void = () => undefined;
    const request = () => new Promise<boolean>((resolve) => (answer = resolve));
    const { container } = render(<PageTools devtoolsPanel={{ request }} t={t} />);
    const status = container.querySelector('[role="status"]')!;
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    answer(false);
    await waitFor(() => expect(status.textContent).toBe('enableDevtoolsRefused'));
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    await waitFor(() => expect(status.textContent).toBe(''));
    answer(false);
    await waitFor(() => expect(status.getAttribute('data-tools-status')).toBe('failed'));
    expect(status.textContent).toBe('enableDevtoolsRefused');
  });

  it('says when the DevTools panel was not enabled, and offers it again', async () => {
    const { container } = render(<PageTools devtoolsPanel={{ request: async () => false }} t={t} />);
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    await waitFor(() => expect(container.querySelector('[data-tools-status="failed"]')?.textContent).toBe('enableDevtoolsRefused'));
    expect(container.querySelector('[data-action="enable-devtools"]')).not.toBeNull();
  });
});
