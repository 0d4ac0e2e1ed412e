// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { EmbeddedAccess } from '../../src/views/EmbeddedAccess.tsx';
import { t } from '../support/render-app.tsx';

afterEach(cleanup);

function offer(granted: boolean, request: () => Promise<boolean>) {
  const onGranted = vi.fn();
  const has = vi.fn(async () => granted);
  const { container } = render(<EmbeddedAccess has={has} request={request} onGranted={onGranted} t={t} />);
  return { container, onGranted };
}

describe('EmbeddedAccess', () => {
  it('shows nothing while it does not know, and nothing once granted', async () => {
    const { container } = offer(true, async () => true);
    expect(container.innerHTML).toBe('');
    await Promise.resolve();
    expect(container.innerHTML).toBe('');
  });

  it('offers the grant, asks the browser on a click, then reads the report again', async () => {
    const request = vi.fn(async () => true);
    const { container, onGranted } = offer(false, request);
    await waitFor(() => expect(container.querySelector('[data-embedded-access="offered"]')).not.toBeNull());
    expect(container.textContent).toContain('embeddedOffer');
    expect(container.textContent).toContain('embeddedExplain');
    fireEvent.click(container.querySelector('button')!);
    expect(request).toHaveBeenCalledOnce();
    await waitFor(() => expect(onGranted).toHaveBeenCalledOnce());
    expect(container.innerHTML).toBe('');
  });

  it('says plainly when the person refused, or the browser failed', async () => {
    for (const request of [async () => false, async () => Promise.reject(new Error('no gesture'))]) {
      const { container, onGranted } = offer(false, request);
      await waitFor(() => expect(container.querySelector('button')).not.toBeNull());
      fireEvent.click(container.querySelector('button')!);
      await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('embeddedRefused'));
      expect(onGranted).not.toHaveBeenCalled();
      cleanup();
    }
  });

  it('says a second refusal again: its alert stays, emptied while the browser asks, then written again', async () => {
    let answer: (granted: boolean) => void = () => undefined;
    const { container, onGranted } = offer(false, () => new Promise<boolean>((resolve) => (answer = resolve)));
    await waitFor(() => expect(container.querySelector('button')).not.toBeNull());
    fireEvent.click(container.querySelector('button')!);
    answer(false);
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toBe('embeddedRefused'));
    const alert = container.querySelector('[role="alert"]')!;
    fireEvent.click(container.querySelector('button')!);
    // Left as it was, the same words would not be said again.
    await waitFor(() => expect(alert.textContent).toBe(''));
    answer(false);
    await waitFor(() => expect(alert.textContent).toBe('embeddedRefused'));
    expect(container.querySelector('[role="alert"]')).toBe(alert);
    expect(container.querySelector('[data-embedded-access]')?.getAttribute('data-embedded-access')).toBe('refused');
    expect(onGranted).not.toHaveBeenCalled();
  });
});
