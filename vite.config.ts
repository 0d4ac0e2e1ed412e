import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import sourceManifest from './manifest.json' with { type: 'json' };
import { inlinePageCss } from './scripts/inline-page-css.ts';

/** The add-on id Firefox knows us by; the e2e tests pin its internal UUID through it. */
export const GECKO_ID = 'cookie-charter-inspector@extension';

type Target = 'chrome' | 'firefox';

/**
 * Modules of the pages' shell, bundled together (see build.rollupOptions): Preact, the App, what
 * loads the rest, and the core and platform modules the pages use. The worker is built apart
 * (scripts/classic-worker.ts): nothing here is shared with it. The App's problem-text, shared with
 * views loaded later, was a chunk of its own the popup fetched at open (about 0.27 kB gzip more).
 */
const PAGE_SHELL =
  /node_modules\/preact\/|vite\/preload-helper|src\/(core|platform)\/|src\/pages\/(mount-page|page-actions|page-theme)|src\/views\/(App|lazy-views?|wide-layout|site-not-found|problem-text)\./;

/**
 * The views the report's view shares with the tabs behind it, in the shell too: a module shared
 * by chunks loaded with `import()` gets a file of its own, and the report waits for every file of
 * its view (two fetched side by side wait for the slower). So the report's view is one file.
 * Measured (issue #16, 500 cookies, alternating opens): from the popup's first line to the report
 * rendered, 25 ms with the view in two files, 20 ms in one. The cost: these and the core modules
 * only views use (compare-runs, tracker-names, diff) put about 0.8 kB gzip in the shell; the
 * day's times (day-time, read by the charter's and the storage's notices and by the tabs) are
 * paid for by the tabs' loaders, which the report's view holds (lazy-tabs.tsx), not the shell.
 * The words marked with their language (own-words) are shared with the live charter's lines not
 * read (UnreadRows.tsx, loaded only for a charter that has some): 70 bytes gzip in the shell.
 */
const VIEWS_SHARED_WITH_TABS = /src\/views\/(ConsentSummary|time-format|day-time|count-text|CookieName|own-words)\./;

/** Platform modules only the side panel, the DevTools pages and the popup's tools (loaded later) use. */
const LATER_PLATFORM = /src\/platform\/(devtools|side-panel|polyfill)\./;

/**
 * What DevTools heard (Set-Cookie headers, the network log, which response set a cookie): only the
 * DevTools page and panel use it (the panel hands it to the App: views/App.tsx `network`), so the
 * popup does not load it (about 1.5 kB gzip of its 15 kB budget).
 */
const DEVTOOLS_ONLY = /src\/core\/network\//;

/**
 * Core modules only views loaded apart use, which load with them: the charters' lifetime words
 * (duration.ts, for a row whose cookie outlives them: views/CookieItem.tsx) put about 1.2 kB gzip
 * in the shell, past the popup's 15 kB budget; the consent runs compared (compare-runs.ts, only
 * views/ConsentRuns.tsx's) put more; a name shown with its invisible characters as codes
 * (cookies/nameless.ts, only the report view's rows and findings) 0.1 kB; the count of a live
 * charter's lines not read (charter/unread-lines.ts, only views/CharterInfo.tsx's) a few bytes;
 * the charter's changes and why its live page was not read (charter/diff.ts, live-problem.ts,
 * only CharterInfo's) and the findings counted (report/finding-counts.ts, the report view's) 80
 * bytes, which made room for own-words (above) under the popup's 15,000.
 */
const REPORT_VIEW_ONLY =
  /src\/core\/(report\/(duration|compare-runs|finding-counts)|cookies\/nameless|charter\/(unread-lines|diff|live-problem))\./;

const inPageShell = (id: string) =>
  (PAGE_SHELL.test(id) && !LATER_PLATFORM.test(id) && !DEVTOOLS_ONLY.test(id) && !REPORT_VIEW_ONLY.test(id)) ||
  VIEWS_SHARED_WITH_TABS.test(id);

/** Pages no manifest key makes CRXJS bundle: the DevTools panel (named only by devtools.panels.create) and the side panel (Firefox's sidebar_action). */
export const EXTRA_PAGES = { panel: 'src/panel/index.html', sidepanel: 'src/sidepanel/index.html' };

/**
 * One manifest source for both browsers. Firefox runs the same worker code as an event page
 * (`background.scripts`: CRXJS's Firefox mode expects that shape) and gets what only it reads:
 * an add-on id, a minimum version and its data-collection declaration. Its side panel is a
 * sidebar_action (it warns about Chrome's side_panel and sidePanel, and web-ext lint refuses
 * sidePanel), closed until opened (it would open by itself at install), and its DevTools panel
 * an optional permission: Chrome cannot make it one, and warns about all sites for it.
 */
export function manifestFor(target: Target): ManifestV3Export {
  if (target === 'chrome') return sourceManifest;
  const { side_panel: sidePanel, permissions, ...common } = sourceManifest;
  return {
    ...common,
    permissions: permissions.filter((permission) => permission !== 'sidePanel'),
    optional_permissions: [...(sourceManifest.optional_permissions ?? []), 'devtools'],
    sidebar_action: {
      default_panel: sidePanel.default_path,
      default_title: '__MSG_sidePanelTitle__',
      default_icon: sourceManifest.action.default_icon,
      open_at_install: false,
    },
    background: { scripts: [sourceManifest.background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // 140 is the first ESR that reads data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    },
  } as ManifestV3Export;
}

/** The manifest without its `background`, for CRXJS: scripts/build.ts builds the worker and names it. */
function withoutWorker(manifest: ManifestV3Export): ManifestV3Export {
  const { background: _worker, ...pages } = manifest as Exclude<ManifestV3Export, (...args: never[]) => unknown> & { background?: unknown };
  return pages;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [
      preact(),
      // The pages only: the worker is built apart as one classic script (scripts/classic-worker.ts).
      crx({ manifest: withoutWorker(manifestFor(target)), browser: target }),
      // The popup's first paint (its loading shell) waits for no file: see scripts/inline-page-css.ts.
      inlinePageCss([sourceManifest.action.default_popup]),
    ],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      // Extension pages load from disk: no need to split or hash for caching.
      sourcemap: false,
      target: 'es2022',
      // Chrome and Firefox (140+) support <link rel="modulepreload">: no polyfill in every page's scripts (about 0.7 kB gzip).
      modulePreload: { polyfill: false },
      // CRXJS merges these with the pages the manifest names.
      rollupOptions: {
        input: EXTRA_PAGES,
        // Required by a group that leaves its modules' dependencies where they are (an entry may then export more than it declares: none imports another).
        preserveEntrySignatures: 'allow-extension',
        output: {
          // Named without a hash: extension files are read from the package, never from a cache to
          // bust, and every chunk a page imports is named in the scripts the popup loads at open.
          entryFileNames: 'assets/[name].js',
          chunkFileNames: 'assets/[name].js',
          // The pages' shell in one chunk rather than a dozen small ones: each file is one more
          // round trip to the extension's files before the popup's first line runs.
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: 'page-shell', test: inPageShell }],
          },
        },
      },
    },
    server: { cors: { origin: [/chrome-extension:\/\//] } },
  };
});
