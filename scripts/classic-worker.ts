/**
 * The background worker, built apart from the pages as one classic script (an IIFE), and named
 * in the built manifest. Chrome keeps V8's compiled code of a classic service worker and reuses
 * it at each wake; a module worker's files are compiled from source at every wake. Measured
 * (issue #16, one Chromium, wakes alternating with the minimal worker's, 2,000 cookies recorded):
 * about 7 ms less per wake (24.1 -> 16.7 ms). Firefox runs the same script as its event page.
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

/** The worker's file in the package. */
export const WORKER_FILE = 'background.js';

/** The built manifest's `background`: a classic service worker (Chrome) or event page (Firefox). */
export function builtBackground(target: 'chrome' | 'firefox'): { service_worker: string } | { scripts: string[] } {
  return target === 'firefox' ? { scripts: [WORKER_FILE] } : { service_worker: WORKER_FILE };
}

/** Builds the worker into `outDir` and names it in `outDir`'s manifest (which CRXJS wrote without one). */
export async function buildClassicWorker(outDir: string, target: 'chrome' | 'firefox'): Promise<void> {
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
      lib: {
        entry: sourceManifest.background.service_worker,
        formats: ['iife'],
        name: 'cookieCharterInspectorWorker',
        fileName: () => WORKER_FILE,
      },
      // The sources are ES modules, hence strict: so is the script.
      rolldownOptions: { output: { strict: true } },
    },
  });
  // What it reads when a report first needs the registry (src/platform/package-files.ts).
  const database = join(outDir, OPEN_COOKIE_DATABASE_FILES.packaged);
  mkdirSync(dirname(database), { recursive: true });
  writeFileSync(database, gzipSync(readFileSync(OPEN_COOKIE_DATABASE_FILES.generated), { level: 9 }));
  const path = join(outDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (manifest.background) throw new Error(`${path} already names a worker: the pages' build must leave it out`);
  writeFileSync(path, `${JSON.stringify({ ...manifest, background: builtBackground(target) }, null, 2)}\n`);
}
