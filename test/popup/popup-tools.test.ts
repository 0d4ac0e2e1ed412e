import { describe, expect, it, vi } from 'vitest';
import { popupAdditions, type PopupToolsPlatform } from '../../src/popup/popup-tools.ts';

const platform = (overrides: Partial<PopupToolsPlatform> = {}): PopupToolsPlatform => ({
  canOpenSidePanel: () => false,
  currentWindowId: () => Promise.resolve(7),
  openSidePanel: vi.fn(() => Promise.resolve()),
  devtoolsPanelOffered: () => Promise.resolve(false),
  requestDevtoolsPanel: vi.fn(() => Promise.resolve(true)),
  onShownTabChanged: vi.fn(() => () => undefined),
  ...overrides,
});

describe('popupAdditions', () => {
  it('offers no tools when the browser has neither a side panel nor a DevTools panel to enable', async () => {
    expect((await popupAdditions(platform())).tools).toBeUndefined();
  });

  it('opens the side panel in the popup’s window, straight from the call', async () => {
    const fake = platform({ canOpenSidePanel: () => true });
    const { tools } = await popupAdditions(fake);
    expect(Object.keys(tools!)).toEqual(['openSidePanel']);
    await tools!.openSidePanel!();
    expect(fake.openSidePanel).toHaveBeenCalledWith(7);
  });

  it('offers the DevTools panel where it is an optional permission not granted yet', async () => {
    const fake = platform({ devtoolsPanelOffered: () => Promise.resolve(true) });
    const { tools } = await popupAdditions(fake);
    expect(Object.keys(tools!)).toEqual(['devtoolsPanel']);
    expect(await tools!.devtoolsPanel!.request()).toBe(true);
  });

  it('treats a question the browser fails to answer as no window and no offer', async () => {
    const fake = platform({
      canOpenSidePanel: () => true,
      currentWindowId: () => Promise.reject(new Error('no window')),
      devtoolsPanelOffered: () => Promise.reject(new Error('no permissions API')),
    });
    const { tools, onSiteChanged } = await popupAdditions(fake);
    expect(tools!.devtoolsPanel).toBeUndefined();
    await tools!.openSidePanel!();
    expect(fake.openSidePanel).toHaveBeenCalledWith(null);
    // No window to follow a tab in: the popup shows the site it found as it opened.
    expect(onSiteChanged).toBeUndefined();
  });

  it('follows the tab shown in the popup’s window (a page it was loading as the popup opened, or one it goes to)', async () => {
    const stop = vi.fn();
    const listeners: Array<() => void> = [];
    const fake = platform({
      onShownTabChanged: vi.fn((_windowId: number, listener: () => void) => {
        listeners.push(listener);
        return stop;
      }),
    });
    const { onSiteChanged } = await popupAdditions(fake);
    const heard = vi.fn();
    const unsubscribe = onSiteChanged!(heard);
    expect(fake.onShownTabChanged).toHaveBeenCalledWith(7, expect.any(Function));
    listeners[0]!();
    expect(heard).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(stop).toHaveBeenCalled();
  });
});
