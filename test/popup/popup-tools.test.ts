import { describe, expect, it, vi } from 'vitest';
import { popupTools, type PopupToolsPlatform } from '../../src/popup/popup-tools.ts';

const platform = (overrides: Partial<PopupToolsPlatform> = {}): PopupToolsPlatform => ({
  canOpenSidePanel: () => false,
  currentWindowId: () => Promise.resolve(7),
  openSidePanel: vi.fn(() => Promise.resolve()),
  devtoolsPanelOffered: () => Promise.resolve(false),
  requestDevtoolsPanel: vi.fn(() => Promise.resolve(true)),
  ...overrides,
});

describe('popupTools', () => {
  it('offers nothing when the browser has neither a side panel nor a DevTools panel to enable', async () => {
    expect(await popupTools(platform())).toBeNull();
  });

  it('opens the side panel in the popup’s window, straight from the call', async () => {
    const fake = platform({ canOpenSidePanel: () => true });
    const tools = await popupTools(fake);
    expect(Object.keys(tools!)).toEqual(['openSidePanel']);
    await tools!.openSidePanel!();
    expect(fake.openSidePanel).toHaveBeenCalledWith(7);
  });

  it('offers the DevTools panel where it is an optional permission not granted yet', async () => {
    const fake = platform({ devtoolsPanelOffered: () => Promise.resolve(true) });
    const tools = await popupTools(fake);
    expect(Object.keys(tools!)).toEqual(['devtoolsPanel']);
    expect(await tools!.devtoolsPanel!.request()).toBe(true);
  });

  it('treats a question the browser fails to answer as no window and no offer', async () => {
    const fake = platform({
      canOpenSidePanel: () => true,
      currentWindowId: () => Promise.reject(new Error('no window')),
      devtoolsPanelOffered: () => Promise.reject(new Error('no permissions API')),
    });
    const tools = await popupTools(fake);
    expect(tools!.devtoolsPanel).toBeUndefined();
    await tools!.openSidePanel!();
    expect(fake.openSidePanel).toHaveBeenCalledWith(null);
  });
});
