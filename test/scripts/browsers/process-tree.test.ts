import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { killTree, processTree, treeMemory } from '../../../scripts/browsers/process-tree.ts';

/** Running: there, and not a zombie waiting for its parent to read its exit (an orphan's parent may be a container's init that never does). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

describe('process tree', () => {
  it('finds the processes under a root, measures them, and ends them all', async () => {
    // A shell that starts a child of its own, as a browser starts its renderers.
    const shell = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
    const root = shell.pid!;
    await expect.poll(() => processTree(root).length).toBe(2);
    const memory = treeMemory(root);
    expect(memory.processes).toBe(2);
    expect(memory.pssKiB).toBeGreaterThan(0);
    expect(memory.rssKiB).toBeGreaterThanOrEqual(memory.pssKiB);
    const tree = processTree(root);
    const exited = new Promise((resolve) => shell.on('exit', resolve));
    killTree(root);
    await exited;
    await expect.poll(() => tree.some(alive)).toBe(false);
    expect(() => killTree(root)).not.toThrow();
  });

  it('counts nothing of a process that is not there', () => {
    expect(treeMemory(2 ** 22 + 12345)).toEqual({ processes: 0, pssKiB: 0, rssKiB: 0 });
  });
});
