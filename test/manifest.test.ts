import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRA_PAGES, manifestFor } from '../vite.config.ts';
import { BUNDLED_PORTAL_HOSTS } from '../src/core/registry/bundled.ts';

type Manifest = {
  permissions: string[];
  optional_permissions?: string[];
  devtools_page: string;
  side_panel: { default_path: string };
  host_permissions: string[];
  optional_host_permissions: string[];
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko: { id: string; strict_min_version: string } };
};

const source = JSON.parse(readFileSync('manifest.json', 'utf8')) as Manifest;

/** True when a match pattern's host part (`*.example.org`, `example.org`) covers `host`. */
function patternCovers(pattern: string, host: string): boolean {
  const patternHost = /^\*:\/\/([^/]+)\/\*$/.exec(pattern)?.[1];
  if (!patternHost) return false;
  if (patternHost.startsWith('*.')) return host === patternHost.slice(2) || host.endsWith(patternHost.slice(1));
  return host === patternHost;
}

const covered = (host: string) => source.host_permissions.some((pattern) => patternCovers(pattern, host));

describe('manifest', () => {
  it('bundles exactly the portals that have a charter in charters/', () => {
    const charterHosts = readdirSync('charters')
      .filter((file) => file.endsWith('.txt'))
      .map((file) => file.slice(0, -'.txt'.length));
    expect([...BUNDLED_PORTAL_HOSTS].sort()).toEqual(charterHosts.sort());
  });

  it('asks only for the permissions the code uses', () => {
    // sidePanel: Chrome's side panel, which adds no install warning (Chromium lists it among the trivial permissions).
    // activeTab: the address of the tab whose toolbar button was clicked, so the popup can offer a grant there
    // (no install warning either; e2e: chromium.test.ts, "the popup the toolbar button opens").
    expect([...source.permissions].sort()).toEqual(['activeTab', 'cookies', 'sidePanel', 'storage']);
  });

  it('has a DevTools page and a side panel in Chrome', () => {
    expect(source).toMatchObject({ devtools_page: 'src/devtools/index.html', side_panel: { default_path: 'src/sidepanel/index.html' } });
    expect(source.optional_permissions).not.toContain('devtools');
  });

  it('gives Firefox its own side panel (closed until opened) and the DevTools panel as an optional permission', () => {
    const firefox = manifestFor('firefox') as unknown as Manifest & Record<string, unknown>;
    expect(firefox.side_panel).toBeUndefined();
    expect(firefox.permissions).not.toContain('sidePanel');
    expect(firefox.sidebar_action).toMatchObject({ default_panel: 'src/sidepanel/index.html', open_at_install: false });
    expect(firefox.optional_permissions).toEqual([...source.optional_permissions!, 'devtools']);
    expect(firefox.devtools_page).toBe(source.devtools_page);
  });

  it('builds every page: those the manifest names, and those only code names', () => {
    for (const page of [source.devtools_page, source.side_panel.default_path, ...Object.values(EXTRA_PAGES)]) {
      expect(existsSync(page), page).toBe(true);
    }
    expect(Object.values(EXTRA_PAGES)).toContain('src/panel/index.html');
    expect(Object.values(EXTRA_PAGES)).toContain(source.side_panel.default_path);
  });

  it('covers every bundled portal, the platform domains, and parent domains where trackers write', () => {
    for (const host of BUNDLED_PORTAL_HOSTS) {
      expect(covered(host), host).toBe(true);
      // Analytics scripts write on the registrable domain (data.tco.re -> tco.re).
      expect(covered(host.split('.').slice(1).join('.')), `parent of ${host}`).toBe(true);
    }
    for (const host of ['demo.opendatasoft.com', 'opendatasoft.com', 'demo.huwise.com']) expect(covered(host), host).toBe(true);
  });

  it('requires nothing broader: other sites are optional, granted by the person', () => {
    expect(covered('example.org')).toBe(false);
    expect(covered('evil-tco.re')).toBe(false);
    for (const pattern of source.host_permissions) {
      expect(pattern).not.toMatch(/<all_urls>|^\*:\/\/\*\/|^\*:\/\/\*\.[a-z]+\/\*$/);
      const host = /^\*:\/\/(?:\*\.)?([^/]+)\/\*$/.exec(pattern)?.[1] ?? '';
      const isPlatform = host === 'opendatasoft.com' || host === 'huwise.com';
      const isPortalOrParent = [...BUNDLED_PORTAL_HOSTS].some((portal) => portal === host || portal.endsWith(`.${host}`));
      expect(isPlatform || isPortalOrParent, pattern).toBe(true);
    }
    expect(source.optional_host_permissions).toEqual(['*://*/*']);
  });

  it('offers webRequest as an optional grant only: "see cookies of embedded content" asks for it with every site', () => {
    expect(source.optional_permissions).toEqual(['webRequest']);
    expect(source.permissions).not.toContain('webRequest');
  });

  it('derives a Firefox manifest with an event page and a gecko id', () => {
    const firefox = manifestFor('firefox') as Manifest;
    expect(firefox.background).toEqual({ scripts: [source.background.service_worker], type: 'module' });
    expect(firefox.browser_specific_settings?.gecko.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expect(Number.parseFloat(firefox.browser_specific_settings!.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(manifestFor('chrome')).toEqual(source);
  });
});
