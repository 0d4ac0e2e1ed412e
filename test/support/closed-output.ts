/** A command of scripts/ run as tsx runs it, with its standard output closed before it writes (`… | head -0`). */
import { spawn, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `script` with `args` (in `options.cwd`), its stdout closed at once; resolves to its exit code and what it wrote on stderr. */
export async function runWithStdoutClosed(
  script: string,
  args: string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'> = {},
): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { status, stderr };
}

/** Runs `script` with `args` (in `options.cwd`), its stderr closed at once (`… 2>&1 | true`); resolves to its exit code. */
export async function runWithStderrClosed(
  script: string,
  args: string[],
  options: Pick<SpawnOptions, 'cwd' | 'env'> = {},
): Promise<number | null> {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [script, ...args], { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.destroy();
  return new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
}
