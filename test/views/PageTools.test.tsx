// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { PageTools } from '../../src/views/PageTools.tsx';
import { t } from '../support/render-app.tsx';

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

  it('enables the DevTools panel, then no longer offers it', async () => {
    const request = vi.fn(async () => true);
    const { container } = render(<PageTools devtoolsPanel={{ request }} t={t} />);
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    await waitFor(() => expect(container.querySelector('[data-tools-status]')?.textContent).toBe('enableDevtoolsDone'));
    expect(container.querySelector('[data-action="enable-devtools"]')).toBeNull();
  });

  it('says when the DevTools panel was not enabled, and offers it again', async () => {
    const { container } = render(<PageTools devtoolsPanel={{ request: async () => false }} t={t} />);
    fireEvent.click(container.querySelector('[data-action="enable-devtools"]')!);
    await waitFor(() => expect(container.querySelector('[data-tools-status]')?.textContent).toBe('enableDevtoolsRefused'));
    expect(container.querySelector('[data-action="enable-devtools"]')).not.toBeNull();
  });
});
