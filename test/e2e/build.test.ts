import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { popupAssets, reportViewScripts, scriptsLoaded } from '../../scripts/bench/browser-benches.ts';
import { builtBackground, LATER_PARTS_FILE, WORKER_FILE } from '../../scripts/classic-worker.ts';
import { BROWSER_POLYFILL_FILE } from '../../src/core/browser-polyfill-file.ts';
import { createContext, runInContext } from 'node:vm';
import { gunzipSync, gzipSync } from 'node:zlib';
import { OPEN_COOKIE_DATABASE_FILES } from '../../src/core/registry/open-cookie-database-document.ts';

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
    // The packaged data's own words point to that licence, at a path the package holds.
    const packaged = gunzipSync(readFileSync(`dist/${target}/${OPEN_COOKIE_DATABASE_FILES.packaged}`)).toString('utf8');
    const named = /see ([^ ]*LICENSE)/.exec((JSON.parse(packaged) as { $comment: string }).$comment)?.[1];
    expect(named).toBe('licenses/open-cookie-database/LICENSE');
    expect(existsSync(`dist/${target}/${named}`)).toBe(true);
  });

  it('ships the charters’ notice (source and rights) with the registry quoted from them, naming every bundled portal', () => {
    const notice = readFileSync(`dist/${target}/licenses/charters/NOTICE.md`, 'utf8');
    expect(notice).toContain('No licence is claimed');
    const portals = readdirSync('charters')
      .filter((file) => file.endsWith('.txt'))
      .map((file) => file.slice(0, -'.txt'.length));
    expect(portals.length).toBeGreaterThan(0);
    for (const portal of portals) expect(notice, portal).toContain(`https://${portal}/terms/cookies-policy/`);
  });

  it('runs its worker as classic scripts (Chrome keeps their compiled code between wakes: scripts/classic-worker.ts)', () => {
    expect(manifest.background).toEqual(builtBackground(target));
    expect(manifest.background).not.toHaveProperty('type');
    if (target === 'firefox') expect(manifest.browser_specific_settings).toBeDefined();
    else expect(manifest.browser_specific_settings).toBeUndefined();
    // Classic scripts, strict as their ES module sources: the worker one function run at once, its
    // second script one that defines its global; neither imports anything.
    expect(readFileSync(`dist/${target}/${WORKER_FILE}`, 'utf8')).toMatch(/^"use strict";\s*\(function\s*\(/);
    expect(readFileSync(`dist/${target}/${LATER_PARTS_FILE}`, 'utf8')).toMatch(/^"use strict";\s*var cookieCharterInspectorLaterParts\s*=/);
    for (const file of [WORKER_FILE, LATER_PARTS_FILE])
      expect(scriptsLoaded([`dist/${target}/${file}`])).toEqual([`dist/${target}/${file}`]);
  });

  it('keeps the charter reader and the exports out of the worker’s script, in its second one (src/background/later-parts.ts)', () => {
    const worker = readFileSync(`dist/${target}/${WORKER_FILE}`, 'utf8');
    const later = readFileSync(`dist/${target}/${LATER_PARTS_FILE}`, 'utf8');
    // htmlparser2's tokenizer, the charter parser's error, the charter draft's words.
    for (const mark of ['stateInSpecialTag', 'CharterError', 'Charte cookies']) {
      expect(worker, mark).not.toContain(mark);
      expect(later, mark).toContain(mark);
    }
    // No CommonJS interop copying an export's properties: on the browser's own \`browser\` it built every
    // API's bindings at each wake (src/platform/worker-browser.ts).
    expect(worker).not.toContain('getOwnPropertyDescriptor');
  });

  it('leaves webextension-polyfill out of the worker’s script: Chrome’s package carries it apart, for a Chrome without `browser` (worker-browser.ts)', () => {
    const worker = readFileSync(`dist/${target}/${WORKER_FILE}`, 'utf8');
    expect(worker).not.toContain('only be loaded in a browser extension');
    expect(readFileSync(`dist/${target}/licenses/webextension-polyfill/LICENSE`, 'utf8')).toContain('Mozilla Public License');
    if (target === 'firefox') {
      expect(existsSync(`dist/${target}/${BROWSER_POLYFILL_FILE}`)).toBe(false);
      return;
    }
    // The packaged file, run as importScripts runs it in a worker without the namespace, defines one.
    const scope = createContext({ chrome: { runtime: { id: 'extension-id' } } });
    runInContext(readFileSync(`dist/${target}/${BROWSER_POLYFILL_FILE}`, 'utf8'), scope);
    expect((scope as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id).toBe('extension-id');
  });

  it("carries no build-time library: nothing that needs Node (the registry build's CSV reader uses Buffer)", () => {
    const scripts = [
      ...readdirSync(`dist/${target}/assets`)
        .filter((file) => file.endsWith('.js'))
        .map((file) => `assets/${file}`),
      WORKER_FILE,
      LATER_PARTS_FILE,
    ];
    expect(scripts.length).toBeGreaterThan(1);
    for (const file of scripts) expect(readFileSync(`dist/${target}/${file}`, 'utf8')).not.toMatch(/\bBuffer\b|CsvError/);
  });

  it('loads none of the pages’ code in the worker, and the pages’ shell in one chunk (vite.config.ts)', () => {
    for (const file of [WORKER_FILE, LATER_PARTS_FILE])
      expect(readFileSync(`dist/${target}/${file}`, 'utf8')).not.toMatch(/page-shell|ReportView|jsxRuntime|preact/i);
    // The popup loads the shell, and little else before its first line runs: each file is a round trip.
    const popupScripts = popupAssets(`dist/${target}`).js;
    expect(popupScripts.some((file) => file.includes('page-shell'))).toBe(true);
    expect(popupScripts.length).toBeLessThanOrEqual(3);
    // The report's view, loaded with import() as the page opens, is one file beside the shell: the
    // report waits for every file of its view (vite.config.ts, VIEWS_SHARED_WITH_TABS).
    const viewScripts = reportViewScripts(`dist/${target}`).filter((file) => !popupScripts.includes(file));
    expect(viewScripts).toHaveLength(1);
    expect(viewScripts[0]).toMatch(/\/ReportView\.js$/);
  });

  it('keeps the scripts the popup loads at open within 15,000 bytes gzip (issue 8), with none of the DevTools code', () => {
    const popupScripts = popupAssets(`dist/${target}`).js;
    const gzipped = popupScripts.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
    // Bytes, not time: the same build weighs the same on any machine (npm run bench prints it too).
    expect(gzipped).toBeLessThanOrEqual(15_000);
    // What DevTools heard is read by the DevTools page and panel only (vite.config.ts, DEVTOOLS_ONLY).
    for (const file of popupScripts) expect(readFileSync(file, 'utf8'), file).not.toMatch(/set-by|Set-Cookie|partitioned/i);
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

  it('carries the Open Cookie Database gzipped, for the worker to read when a report needs it, not in its script', () => {
    const packaged = gunzipSync(readFileSync(`dist/${target}/${OPEN_COOKIE_DATABASE_FILES.packaged}`)).toString('utf8');
    expect(packaged).toBe(readFileSync(OPEN_COOKIE_DATABASE_FILES.generated, 'utf8'));
    // A row's description, which only the database has.
    expect(readFileSync(`dist/${target}/${WORKER_FILE}`, 'utf8')).not.toContain('Registers cookie preferences of a user');
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
