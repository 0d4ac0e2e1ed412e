// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { AccessPrompt } from '../../src/views/AccessPrompt.tsx';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

const prompt = (portal: boolean, requestAccess: ((origins: string[]) => Promise<boolean>) | undefined, onGranted = vi.fn()) => ({
  onGranted,
  container: render(
    <AccessPrompt
      host="opendata.example.org"
      portal={portal}
      origins={['*://opendata.example.org/*']}
      requestAccess={requestAccess}
      onGranted={onGranted}
      t={t}
    />,
  ).container,
});

describe('AccessPrompt', () => {
  it('says the site cannot be seen, and asks the browser for its origins on a click', async () => {
    const requestAccess = vi.fn(async () => true);
    const { container, onGranted } = prompt(false, requestAccess);
    expect(container.querySelector('[data-access]')?.getAttribute('data-access')).toBe('site');
    expect(container.textContent).toContain('noAccessSite opendata.example.org');
    fireEvent.click(container.querySelector('button')!);
    expect(requestAccess).toHaveBeenCalledWith(['*://opendata.example.org/*']);
    await waitFor(() => expect(onGranted).toHaveBeenCalled());
  });

  it('offers the portals’ grant for a portal', () => {
    const { container } = prompt(true, async () => true);
    expect(container.querySelector('[data-access]')?.getAttribute('data-access')).toBe('portal');
    expect(container.querySelector('button')?.textContent).toBe('grantPortals');
  });

  it('says in French that the browser has not let the extension in, not that it gave the extension access', () => {
    const { container } = render(
      <AccessPrompt
        host="data.tco.re"
        portal
        origins={[]}
        requestAccess={async () => true}
        onGranted={vi.fn()}
        t={localeTranslate('fr')}
      />,
    );
    expect(container.querySelector('p')?.textContent).toBe(
      'data.tco.re est un portail, mais ce navigateur n’a pas encore autorisé l’extension à y accéder.',
    );
  });

  it('says so when the person refuses, or the request fails', async () => {
    for (const requestAccess of [async () => false, async () => Promise.reject(new Error('no gesture'))]) {
      const { container, onGranted } = prompt(false, requestAccess);
      fireEvent.click(container.querySelector('button')!);
      await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('grantRefused'));
      expect(onGranted).not.toHaveBeenCalled();
      cleanup();
    }
  });

  it('says a second refusal again: its alert stays, emptied while the browser asks, then written again', async () => {
    let answer: (granted: boolean) => void = () => undefined;
    const { container } = prompt(false, () => new Promise<boolean>((resolve) => (answer = resolve)));
    fireEvent.click(container.querySelector('button')!);
    answer(false);
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('grantRefused'));
    const alert = container.querySelector('[role="alert"]')!;
    fireEvent.click(container.querySelector('button')!);
    // Left as it was, the same words would not be said again.
    await waitFor(() => expect(alert.textContent).toBe(''));
    answer(false);
    await waitFor(() => expect(alert.textContent).toBe('grantRefused'));
    expect(container.querySelector('[role="alert"]')).toBe(alert);
  });

  it('sends the person to the popup where the page cannot ask (Firefox’s DevTools panel)', () => {
    const { container } = prompt(false, undefined);
    expect(container.textContent).toContain('noAccessSite opendata.example.org');
    expect(container.textContent).toContain('grantFromPopup');
    expect(container.querySelector('button')).toBeNull();
  });
});
