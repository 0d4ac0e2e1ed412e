import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { popupAssets, scriptsLoaded } from '../../scripts/bench/browser-benches.ts';

const { version } = JSON.parse(readFileSync('manifest.json', 'utf8')) as { version: string };

describe.each(['chrome', 'firefox'] as const)('%s package', (target) => {
  const manifest = JSON.parse(readFileSync(`dist/${target}/manifest.json`, 'utf8')) as Record<string, unknown> & {
    background: Record<string, unknown>;
    action: { default_popup: string };
  };

  it('is unpacked with manifest.json at its root and every file it names', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(existsSync(`dist/${target}/${manifest.action.default_popup}`)).toBe(true);
    for (const size of [16, 32, 48, 128]) expect(existsSync(`dist/${target}/icons/icon-${size}.png`)).toBe(true);
    expect(existsSync(`dist/${target}/_locales/en/messages.json`)).toBe(true);
    expect(existsSync(`dist/${target}/_locales/fr/messages.json`)).toBe(true);
  });

  it('ships the Open Cookie Database licence and source with the data derived from it', () => {
    expect(readFileSync(`dist/${target}/licenses/open-cookie-database/LICENSE`, 'utf8')).toContain('Apache License');
    expect(readFileSync(`dist/${target}/licenses/open-cookie-database/SOURCE.md`, 'utf8')).toContain('Open-Cookie-Database');
  });

  it('uses the background form its browser runs', () => {
    if (target === 'firefox') {
      expect(manifest.background.scripts).toHaveLength(1);
      expect(manifest.browser_specific_settings).toBeDefined();
    } else {
      expect(typeof manifest.background.service_worker).toBe('string');
      expect(manifest.browser_specific_settings).toBeUndefined();
    }
  });

  it("carries no build-time library: nothing that needs Node (the registry build's CSV reader uses Buffer)", () => {
    const scripts = readdirSync(`dist/${target}/assets`).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) expect(readFileSync(`dist/${target}/assets/${file}`, 'utf8')).not.toMatch(/\bBuffer\b|CsvError/);
  });

  it('loads none of the pages’ code in the worker (the pages’ shell chunk, Preact in it: vite.config.ts)', () => {
    const entry = target === 'firefox' ? (manifest.background.scripts as string[])[0]! : (manifest.background.service_worker as string);
    const loaded = scriptsLoaded([`dist/${target}/${entry}`]);
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.filter((file) => /page-shell|ReportView|jsxRuntime/.test(file))).toEqual([]);
    // The popup does load it, and little else before its first line runs (scripts/page-copies.ts).
    const popupScripts = popupAssets(`dist/${target}`).js;
    expect(popupScripts.some((file) => file.includes('page-shell'))).toBe(true);
    expect(popupScripts.length).toBeLessThanOrEqual(3);
    // The worker's code is one file (with the bundler's runtime and webextension-polyfill, which the pages load on demand).
    expect(loaded.filter((file) => !/service-worker-loader|rolldown-runtime|browser-polyfill/.test(file))).toHaveLength(1);
  });

  it('paints the popup’s loading shell without waiting for a file: its stylesheet is in its HTML (scripts/inline-page-css.ts)', () => {
    const { css, inlineCss } = popupAssets(`dist/${target}`);
    expect(css).toEqual([]);
    expect(inlineCss).toHaveLength(1);
    expect(inlineCss[0]).toContain('.app-header');
    const html = readFileSync(`dist/${target}/${manifest.action.default_popup}`, 'utf8');
    expect(html).toMatch(/<div id="app">\s*<main data-state="loading"[^>]*>\s*<header class="app-header">/);
    // The other pages still link the one stylesheet.
    expect(readFileSync(`dist/${target}/src/sidepanel/index.html`, 'utf8')).toMatch(/<link rel="stylesheet"[^>]+\.css">/);
  });

  it('is zipped for the store with the same files', () => {
    const zip = unzipSync(readFileSync(`dist/cookie-charter-inspector-${target}-${version}.zip`));
    expect(Object.keys(zip)).toContain('manifest.json');
    expect(JSON.parse(new TextDecoder().decode(zip['manifest.json']))).toEqual(manifest);
  });
});

describe.each(['chrome', 'firefox'] as const)('%s audit build', (target) => {
  const shipped = JSON.parse(readFileSync(`dist/${target}/manifest.json`, 'utf8')) as Record<string, unknown>;
  const audit = JSON.parse(readFileSync(`dist/${target}-audit/manifest.json`, 'utf8')) as Record<string, unknown> & {
    permissions: string[];
    host_permissions: string[];
  };

  it('requires every site and webRequest, and is otherwise the shipped build', () => {
    expect(audit.permissions).toContain('webRequest');
    expect(audit.host_permissions).toContain('*://*/*');
    const { permissions: _p, host_permissions: _h, optional_permissions: _op, optional_host_permissions: _oh, ...rest } = shipped;
    expect(audit).toMatchObject(rest);
    expect(readdirSync(`dist/${target}-audit/assets`).sort()).toEqual(readdirSync(`dist/${target}/assets`).sort());
  });

  it('is never zipped: the store package keeps the shipped manifest', () => {
    expect(readdirSync('dist').filter((name) => name.endsWith('.zip') && name.includes('audit'))).toEqual([]);
    const zip = unzipSync(readFileSync(`dist/cookie-charter-inspector-${target}-${version}.zip`));
    const zipped = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as { permissions: string[] };
    expect(zipped.permissions).not.toContain('webRequest');
  });
});
