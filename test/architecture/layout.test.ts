/**
 * The layout README.md draws, kept true: every TypeScript file type-checked, a test beside every
 * source file with logic, names that say one thing, no scratch files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repositoryTypeScriptFiles } from '../support/source-graph.ts';

const files = repositoryTypeScriptFiles();

/** Entry points: wiring only, exercised end to end in both browsers (test/e2e) rather than by a unit test. */
const ENTRY_POINTS = new Set([
  'src/background/index.ts',
  'src/popup/main.tsx',
  'src/sidepanel/main.tsx',
  'src/panel/main.tsx',
  'src/devtools/main.ts',
]);

/** True when a file holds code that runs: a function, a class, a method (not only types, constants and re-exports). */
function hasLogic(path: string): boolean {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): boolean =>
    ts.isFunctionLike(node) && !ts.isFunctionTypeNode(node) && !ts.isMethodSignature(node) && !ts.isCallSignatureDeclaration(node)
      ? true
      : ts.isClassLike(node) || (ts.forEachChild(node, visit) ?? false);
  return visit(source);
}

/** A file's name without its extension, lower-case (names that differ only in case collide on some disks). */
const stem = (path: string) =>
  basename(path)
    .replace(/\.[^.]+$/, '')
    .toLowerCase();

describe('layout', () => {
  it('type-checks every TypeScript file of the repository', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      'tsconfig.json',
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    )!;
    const checked = new Set(config.fileNames.map((name) => relative(process.cwd(), name).split('\\').join('/')));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((path) => !checked.has(path))).toEqual([]);
  });

  it('mirrors src/ in test/: every source file with logic has a test beside its mirror', () => {
    const untested = files
      .filter((path) => /^src\/.*\.tsx?$/.test(path) && !ENTRY_POINTS.has(path) && hasLogic(path))
      .filter((path) => {
        const mirror = path.replace(/^src\//, 'test/').replace(/\.tsx?$/, '');
        return !existsSync(`${mirror}.test.ts`) && !existsSync(`${mirror}.test.tsx`);
      });
    expect(untested).toEqual([]);
  });

  it('tells logic from declarations', () => {
    expect(hasLogic('src/core/charter/types.ts')).toBe(false);
    expect(hasLogic('src/core/charter/limits.ts')).toBe(false);
    expect(hasLogic('src/core/charter/index.ts')).toBe(false);
    expect(hasLogic('src/core/compare.ts')).toBe(true);
    expect(hasLogic('src/views/TabPanels.tsx')).toBe(true);
  });

  it('gives each file of src/ and scripts/ a name no other has (entry points apart: index, main)', () => {
    const byName = new Map<string, string[]>();
    for (const path of files.filter((p) => /^(src|scripts)\//.test(p))) {
      if (stem(path) === 'index' || stem(path) === 'main') continue;
      byName.set(stem(path), [...(byName.get(stem(path)) ?? []), path]);
    }
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });

  it('puts no file beside a folder of its name (the folder holds it, as main.ts or index.ts)', () => {
    const folders = new Set(
      files.flatMap((path) =>
        path
          .split('/')
          .slice(0, -1)
          .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
      ),
    );
    expect(files.filter((path) => folders.has(path.replace(/\.[^./]+$/, '')))).toEqual([]);
  });

  it('keeps scratch files out: none tracked, and *.tmp.* ignored', () => {
    const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n');
    expect(tracked.filter((path) => /\.tmp\./.test(path))).toEqual([]);
    expect(
      execFileSync('git', ['check-ignore', 'probe.tmp.ts', 'scripts/probe.tmp.tsx'], { encoding: 'utf8' }).trim().split('\n'),
    ).toHaveLength(2);
  });
});
