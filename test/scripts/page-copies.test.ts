import { describe, expect, it } from 'vitest';
import { isPageModule, pageCopyOf } from '../../scripts/page-copies.ts';

describe('the pages’ copies of shared modules', () => {
  it('knows a page’s code, and a page’s copy, by its id', () => {
    expect(isPageModule('/repo/src/popup/main.tsx')).toBe(true);
    expect(isPageModule('/repo/src/views/ReportView.tsx')).toBe(true);
    expect(isPageModule('/repo/src/pages/mount-page.tsx')).toBe(true);
    expect(isPageModule('/repo/src/core/portals.ts?page')).toBe(true);
    expect(isPageModule('C:\\repo\\src\\panel\\main.tsx')).toBe(true);
    expect(isPageModule('/repo/src/background/index.ts')).toBe(false);
    expect(isPageModule('/repo/src/core/portals.ts')).toBe(false);
    expect(isPageModule('/repo/node_modules/preact/dist/preact.mjs')).toBe(false);
  });

  it('gives core and platform modules their page copy, and leaves the rest as they are', () => {
    expect(pageCopyOf('/repo/src/core/portals.ts')).toBe('/repo/src/core/portals.ts?page');
    expect(pageCopyOf('/repo/src/platform/browser.ts')).toBe('/repo/src/platform/browser.ts?page');
    expect(pageCopyOf('/repo/src/views/App.tsx')).toBe('/repo/src/views/App.tsx');
    expect(pageCopyOf('/repo/node_modules/preact/hooks/dist/hooks.mjs')).toBe('/repo/node_modules/preact/hooks/dist/hooks.mjs');
    // Already a variant (another plugin's query): left alone.
    expect(pageCopyOf('/repo/src/core/registry/bundled-charters.generated.json?raw')).toBe(
      '/repo/src/core/registry/bundled-charters.generated.json?raw',
    );
  });
});
