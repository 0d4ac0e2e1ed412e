/**
 * A browser's processes, read from /proc (Linux): the tree under its main process, what it takes
 * in memory, and how to end it. Memory is counted as PSS (proportional set size): a page shared
 * by several processes counts once in all, split between them; summed RSS counts it in each and
 * comes out about four times higher for a browser (measured; README, "Benchmarks").
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The parent of each process now. */
function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields after it are space-separated.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return parentOf;
}

/** `root` and every process under it. */
export function processTree(root: number): number[] {
  const parentOf = parents();
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** A `kB` field of /proc/<pid>/smaps_rollup. */
function kibField(text: string, field: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(/(\d+)\s*kB/.exec(line ?? '')?.[1] ?? 0);
}

/** The memory of the tree under `root`: processes read, PSS and RSS summed, in KiB. */
export function treeMemory(root: number): { processes: number; pssKiB: number; rssKiB: number } {
  let processes = 0;
  let pssKiB = 0;
  let rssKiB = 0;
  for (const pid of processTree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      pssKiB += kibField(rollup, 'Pss');
      rssKiB += kibField(rollup, 'Rss');
      processes++;
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return { processes, pssKiB, rssKiB };
}

/** Ends `root` and every process under it (a browser that stopped answering); those already gone are skipped. */
export function killTree(root: number): void {
  for (const pid of processTree(root).reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Whether `pid` still runs: a process gone, or a zombie (killed, not reaped yet), runs no more code. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
