import { describe, expect, it } from 'vitest';
import { startWorker, type WorkerStartSteps } from '../../src/background/worker-start.ts';

function steps(overrides: Partial<WorkerStartSteps> = {}) {
  const log: string[] = [];
  const step = (name: string) => async () => void log.push(name);
  const all: WorkerStartSteps = {
    loadState: step('load'),
    readGrantedHosts: step('granted'),
    readOpenTabs: step('tabs'),
    markRestart: () => void log.push('restart'),
    scanCookies: step('scan'),
    timings: { step: (name) => (log.push(`step ${name}`), 0), ready: (name) => void log.push(`ready ${name}`) },
    onError: (error) => void log.push(`error ${String(error)}`),
    ...overrides,
  };
  return { all, log };
}

describe('startWorker', () => {
  it('reads state, permissions and tabs, then marks the restart and scans the cookies present', async () => {
    const { all, log } = steps();
    await startWorker(all);
    expect(log.slice(0, 6).sort()).toEqual(
      ['granted', 'load', 'step permissions read', 'step state restored', 'step tabs read', 'tabs'].sort(),
    );
    expect(log.slice(6)).toEqual(['restart', 'step restart marked', 'scan', 'ready cookies scanned']);
  });

  it('marks nothing and scans nothing before the state is restored', async () => {
    let restore!: () => void;
    const { all, log } = steps({ loadState: () => new Promise<void>((resolve) => (restore = resolve)) });
    const ready = startWorker(all);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).not.toContain('restart');
    restore();
    await ready;
    expect(log).toContain('ready cookies scanned');
  });

  it('still resolves when a step fails, and says what went wrong', async () => {
    const { all, log } = steps({ readOpenTabs: () => Promise.reject(new Error('tabs unavailable')) });
    await expect(startWorker(all)).resolves.toBeUndefined();
    expect(log).toContain('error Error: tabs unavailable');
    expect(log).not.toContain('ready cookies scanned');
  });
});
