/**
 * The repository's TypeScript files and what each imports, read with TypeScript's own
 * pre-processor (every import, export-from and dynamic import; not comments or strings), for the
 * tests that hold the layout and the layers to what README.md says.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';

/** One import of a file: a package, or a file of the repository by its path from the root. */
export type Import = { specifier: string; kind: 'package'; name: string } | { specifier: string; kind: 'file'; path: string };

export type SourceFile = {
  /** Path from the repository root, with forward slashes. */
  path: string;
  imports: Import[];
};

/** Every TypeScript file of the repository (tracked, or new and not ignored), by its path from the root. */
export function repositoryTypeScriptFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.mts', '*.cts'], {
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\n').filter(Boolean))].sort();
}

/** The package a bare specifier names: `preact/hooks` -> `preact`, `@scope/name/x` -> `@scope/name`, `node:fs` as is. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The imports of one file. */
export function importsOf(path: string): Import[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) =>
    specifier.startsWith('.')
      ? { specifier, kind: 'file' as const, path: posix.normalize(join(dirname(path), specifier).split('\\').join('/')) }
      : { specifier, kind: 'package' as const, name: packageName(specifier) },
  );
}

/** Files under `folders` (paths from the root, e.g. `src`), with their imports. */
export function sourceFiles(...folders: string[]): SourceFile[] {
  return repositoryTypeScriptFiles()
    .filter((path) => folders.some((folder) => path.startsWith(`${folder}/`)))
    .map((path) => ({ path, imports: importsOf(path) }));
}

/** Every file reachable from `entries` through relative imports, each with its imports. */
export function reachableFrom(entries: string[]): SourceFile[] {
  const seen = new Map<string, SourceFile>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path) || !/\.(ts|tsx)$/.test(path)) continue;
    const file = { path, imports: importsOf(path) };
    seen.set(path, file);
    for (const imported of file.imports) if (imported.kind === 'file') queue.push(imported.path);
  }
  return [...seen.values()];
}

/** A cycle in a directed graph, as the nodes along it (first repeated at the end), or null. */
export function findCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...edges.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}
