/**
 * The background worker, built apart from the pages as a classic script (an IIFE), with a second
 * one it imports when first needed (src/background/later-parts.ts), and named in the built
 * manifest. Chrome keeps V8's compiled code of a classic service worker and reuses it at each
 * wake; a module worker's files are compiled from source at every wake. Measured (issue #16, one
 * Chromium, wakes alternating with the minimal worker's, 2,000 cookies recorded): about 7 ms less
 * per wake (24.1 -> 16.7 ms). Firefox runs the same scripts as its event page.
 *
 * CRXJS builds the pages (vite.config.ts hands it the manifest without `background`); this
 * build reads the worker's source entry from the same manifest source, with htmlparser2's entity
 * table filled on first use (scripts/lazy-entity-decode-tree.ts), and writes the Open Cookie
 * Database it reads, gzipped (OPEN_COOKIE_DATABASE_FILES.packaged).
 */
import { build } from 'vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sourceManifest from '../manifest.json' with { type: 'json' };
import { lazyEntityDecodeTree } from './lazy-entity-decode-tree.ts';
import { OPEN_COOKIE_DATABASE_FILES } from '../src/core/registry/index.ts';
import { LATER_PARTS_SCRIPT } from '../src/core/later-parts-file.ts';
import { BROWSER_POLYFILL_FILE } from '../src/core/browser-polyfill-file.ts';

/** The worker's file in the package. */
export const WORKER_FILE = 'background.js';

/** The worker's second script (src/background/later-parts.ts), imported when first needed. */
export const LATER_PARTS_FILE = LATER_PARTS_SCRIPT.file;
const LATER_PARTS_ENTRY = 'src/background/later-parts.ts';

/**
 * The built manifest's `background`: a classic service worker (Chrome) or an event page (Firefox),
 * each with the worker's script alone; both load the second script when first needed
 * (src/platform/worker-scripts.ts). Listed in Firefox's manifest, the second script was read at
 * every wake: measured (Firefox ESR 140, 2,000 cookies, wakes alternating with the floor's), our
 * background page answered in 39 to 40 ms without it against 47 to 53 ms with it.
 */
export function builtBackground(target: 'chrome' | 'firefox'): { service_worker: string } | { scripts: string[] } {
  return target === 'firefox' ? { scripts: [WORKER_FILE] } : { service_worker: WORKER_FILE };
}

/** Builds `entry` into `outDir` as one classic script (an IIFE) that defines the global `name`. */
async function buildClassicScript(outDir: string, entry: string, name: string, file: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [lazyEntityDecodeTree()],
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['iife'], name, fileName: () => file },
      // The sources are ES modules, hence strict: so is the script.
      rolldownOptions: { output: { strict: true } },
    },
  });
}

/** webextension-polyfill's UMD build, as published (its licence: build.ts copies it into the package). */
const POLYFILL_SOURCE = 'node_modules/webextension-polyfill/dist/browser-polyfill.min.js';

/**
 * The polyfill for a Chrome without the `browser` namespace, which only there the worker imports
 * (src/platform/worker-browser.ts): the published file, without its source map's comment (the
 * map is not shipped). Firefox always has the namespace: its package has no such file.
 */
function writeWorkerPolyfill(outDir: string): void {
  const { version } = JSON.parse(readFileSync('node_modules/webextension-polyfill/package.json', 'utf8')) as { version: string };
  const source = readFileSync(POLYFILL_SOURCE, 'utf8').replace(/^\/\/# sourceMappingURL=\S+\n/m, '');
  writeFileSync(
    join(outDir, BROWSER_POLYFILL_FILE),
    `/* webextension-polyfill ${version} (MPL-2.0, licenses/webextension-polyfill/LICENSE), ${POLYFILL_SOURCE} */\n${source}`,
  );
}

/** Builds the worker and its second script into `outDir` and names them in `outDir`'s manifest (which CRXJS wrote without one). */
export async function buildClassicWorker(outDir: string, target: 'chrome' | 'firefox'): Promise<void> {
  await buildClassicScript(outDir, sourceManifest.background.service_worker, 'cookieCharterInspectorWorker', WORKER_FILE);
  await buildClassicScript(outDir, LATER_PARTS_ENTRY, LATER_PARTS_SCRIPT.global, LATER_PARTS_FILE);
  if (target === 'chrome') writeWorkerPolyfill(outDir);
  // What it reads when a report first needs the registry (src/platform/package-files.ts).
  const database = join(outDir, OPEN_COOKIE_DATABASE_FILES.packaged);
  mkdirSync(dirname(database), { recursive: true });
  writeFileSync(database, gzipSync(readFileSync(OPEN_COOKIE_DATABASE_FILES.generated), { level: 9 }));
  const path = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (manifest.background) throw new Error(`${path} already names a worker: the pages' build must leave it out`);
  writeFileSync(path, `${JSON.stringify({ ...manifest, background: builtBackground(target) }, null, 2)}\n`);
}
