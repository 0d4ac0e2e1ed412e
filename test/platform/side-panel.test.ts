import { describe, expect, it, vi } from 'vitest';
import { canOpenSidePanel, currentWindowId, openSidePanel, SidePanelUnavailable } from '../../src/platform/side-panel.ts';

describe('platform side panel', () => {
  it('opens Chrome’s side panel in the window given', async () => {
    const opened: unknown[] = [];
    const chrome = { sidePanel: { open: async (options: { windowId: number }) => void opened.push(options) } };
    expect(canOpenSidePanel(chrome)).toBe(true);
    await openSidePanel(3, chrome);
    expect(opened).toEqual([{ windowId: 3 }]);
  });

  it('opens Firefox’s sidebar', async () => {
    let opened = 0;
    const firefox = { sidebarAction: { open: async () => void opened++ } };
    expect(canOpenSidePanel(firefox)).toBe(true);
    await openSidePanel(null, firefox);
    expect(opened).toBe(1);
  });

  it('says plainly when there is none', async () => {
    expect(canOpenSidePanel({})).toBe(false);
    await expect(openSidePanel(1, {})).rejects.toThrow('This browser has no side panel');
    await expect(openSidePanel(1, {})).rejects.toMatchObject({ unavailable: 'no-side-panel' });
  });

  it('says the window could not be found when Chrome’s side panel has no window to open in, not that there is no side panel', async () => {
    const chrome = { sidePanel: { open: vi.fn(async () => undefined) } };
    const refused = openSidePanel(null, chrome);
    await expect(refused).rejects.toBeInstanceOf(SidePanelUnavailable);
    await expect(refused).rejects.toMatchObject({
      unavailable: 'no-window',
      message: 'The window to open the side panel in could not be found',
    });
    expect(chrome.sidePanel.open).not.toHaveBeenCalled();
  });

  it('tells the page’s window, or null', async () => {
    expect(await currentWindowId({ windows: { getCurrent: async () => ({ id: 9 }) } })).toBe(9);
    expect(await currentWindowId({ windows: { getCurrent: async () => ({}) } })).toBeNull();
    expect(await currentWindowId({ windows: { getCurrent: () => Promise.reject(new Error('no')) } })).toBeNull();
    expect(await currentWindowId({})).toBeNull();
  });
});
