/**
 * Imports run down the layers (README.md, "Layout"): popup and background over platform over
 * core, scripts over all of them through public entry points. Each rule lists the imports that
 * break it, so a failure names the file to fix.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycle, importsOf, reachableFrom, sourceFiles, type SourceFile } from '../support/source-graph.ts';
import { EXTRA_PAGES } from '../../vite.config.ts';

/** The extension's entry points: the worker, and the script of each page (the manifest's, and those only code names). */
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
  background: { service_worker: string };
  action: { default_popup: string };
  devtools_page: string;
  side_panel: { default_path: string };
};
const pageScript = (page: string) => join(dirname(page), /<script[^>]+src="([^"]+)"/.exec(readFileSync(page, 'utf8'))![1]!);
const PAGES = [manifest.action.default_popup, manifest.devtools_page, manifest.side_panel.default_path, ...Object.values(EXTRA_PAGES)];
const ENTRIES = [manifest.background.service_worker, ...new Set(PAGES.map(pageScript))];

/** What each layer of src may import: files under these folders, and these packages. */
const LAYERS: Record<string, { files: string[]; packages: string[] }> = {
  // Pure: no browser API, no view framework, nothing of Node. The UI strings' keys come from the locale files.
  'src/core/': { files: ['src/core/', 'public/_locales/'], packages: ['htmlparser2', 'csv-parse'] },
  'src/platform/': { files: ['src/platform/', 'src/core/'], packages: ['webextension-polyfill'] },
  'src/background/': { files: ['src/background/', 'src/platform/', 'src/core/'], packages: ['webextension-polyfill'] },
  // Views are fed through props: no browser API, so the same components serve every page.
  'src/views/': { files: ['src/views/', 'src/core/'], packages: ['preact'] },
  'src/pages/': { files: ['src/pages/', 'src/views/', 'src/platform/', 'src/core/'], packages: ['preact', 'webextension-polyfill'] },
  // The pages: each an entry (main.tsx) over the shared wiring and views.
  'src/sidepanel/': {
    files: ['src/sidepanel/', 'src/pages/', 'src/views/', 'src/platform/', 'src/core/'],
    packages: ['preact', 'webextension-polyfill'],
  },
  'src/panel/': {
    files: ['src/panel/', 'src/pages/', 'src/views/', 'src/platform/', 'src/core/'],
    packages: ['preact', 'webextension-polyfill'],
  },
  // The DevTools page shows nothing: no view.
  'src/devtools/': { files: ['src/devtools/', 'src/platform/', 'src/core/'], packages: ['webextension-polyfill'] },
  'src/popup/': {
    files: ['src/popup/', 'src/pages/', 'src/views/', 'src/platform/', 'src/core/'],
    packages: ['preact', 'webextension-polyfill'],
  },
};

/** `a imports b` for each import of `files` that `allowed` refuses. */
function violations(files: SourceFile[], allowed: (file: SourceFile, target: string, kind: 'file' | 'package') => boolean): string[] {
  return files.flatMap((file) =>
    file.imports.flatMap((imported) => {
      const target = imported.kind === 'file' ? imported.path : imported.name;
      return allowed(file, target, imported.kind) ? [] : [`${file.path} imports ${target}`];
    }),
  );
}

/** The node of a core file in the folder graph: its folder (`core/cookies`), or itself for a file at core's root. */
function coreNode(path: string): string {
  return `core/${path.split('/')[2]}`;
}

describe('layers', () => {
  const src = sourceFiles('src');

  for (const [layer, rule] of Object.entries(LAYERS)) {
    it(`${layer} imports only ${[...rule.files, ...rule.packages].join(', ')}`, () => {
      const files = src.filter((file) => file.path.startsWith(layer));
      expect(files.length).toBeGreaterThan(0);
      expect(
        violations(files, (_file, target, kind) =>
          kind === 'file' ? rule.files.some((folder) => target.startsWith(folder)) : rule.packages.includes(target),
        ),
      ).toEqual([]);
    });
  }

  it('finds every entry: the worker and the four pages', () => {
    expect(ENTRIES).toEqual([
      'src/background/index.ts',
      'src/popup/main.tsx',
      'src/devtools/main.ts',
      'src/sidepanel/main.tsx',
      'src/panel/main.tsx',
    ]);
  });

  it('nothing imports an entry point: the worker’s and the pages’ are where the browser starts', () => {
    expect(violations([...src, ...sourceFiles('scripts', 'test')], (_file, target) => !ENTRIES.includes(target))).toEqual([]);
  });

  it('the folders of src/core form no cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of src.filter((f) => f.path.startsWith('src/core/'))) {
      const from = coreNode(file.path);
      for (const imported of file.imports) {
        if (imported.kind !== 'file' || !imported.path.startsWith('src/core/')) continue;
        const to = coreNode(imported.path);
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(edges.size).toBeGreaterThan(3);
    expect(findCycle(edges)).toBeNull();
  });

  // core/draft (issue 17) builds charter drafts in the worker, which answers the popup's export
  // request: the popup only names the formats and languages, so its bundle never carries the
  // builder, the charter parser it reads drafts back with, or the known-tracker table.
  it('the popup reaches no part of core/draft but its formats: the worker builds charter drafts', () => {
    const popupEntry = ENTRIES[1]!;
    const reached = reachableFrom([popupEntry]).map((file) => file.path);
    expect(reached.filter((path) => path.startsWith('src/core/draft/'))).toEqual(['src/core/draft/draft-formats.ts']);
    expect(importsOf('src/core/draft/draft-formats.ts')).toEqual([]);
  });

  it('the extension’s entries reach no Node-only package (a bundle would carry it and fail in the browser)', () => {
    const reached = reachableFrom(ENTRIES);
    expect(reached.map((file) => file.path)).toContain('src/core/report/report.ts');
    const packages = new Set(
      reached.flatMap((file) => file.imports.flatMap((imported) => (imported.kind === 'package' ? [imported.name] : []))),
    );
    expect([...packages].sort()).toEqual(['htmlparser2', 'preact', 'webextension-polyfill']);
  });
});

describe('scripts reach the product through public entry points', () => {
  const scripts = sourceFiles('scripts');

  it('a command imports src only through a core folder’s index.ts or a module at core’s root', () => {
    const commands = scripts.filter((file) => !file.path.startsWith('scripts/bench/'));
    expect(
      violations(
        commands,
        (_file, target, kind) =>
          kind === 'package' || !target.startsWith('src/') || /^src\/core\/([^/]+\.ts|[^/]+\/index\.ts)$/.test(target),
      ),
    ).toEqual([]);
  });

  it('the benchmarks, which measure internals as tests do, reach core and the worker’s parts, never the platform or the views', () => {
    const benches = scripts.filter((file) => file.path.startsWith('scripts/bench/'));
    expect(
      violations(
        benches,
        (_file, target, kind) => kind === 'package' || !target.startsWith('src/') || /^src\/(core|background)\//.test(target),
      ),
    ).toEqual([]);
  });

  it('scripts never import tests', () => {
    expect(violations(scripts, (_file, target, kind) => kind === 'package' || !target.startsWith('test/'))).toEqual([]);
  });
});
