import { describe, expect, it } from 'vitest';
import { createHostAccess } from '../../src/background/host-access.ts';

describe('host access as the browser last said', () => {
  it('asks the browser once per host, until a permission changes', async () => {
    const asked: string[] = [];
    let granted = new Set(['a.example']);
    const access = createHostAccess(async (host) => (asked.push(host), granted.has(host)));
    expect(await access.has('a.example')).toBe(true);
    expect(await access.has('a.example')).toBe(true);
    expect(await access.has('b.example')).toBe(false);
    expect(asked).toEqual(['a.example', 'b.example']);

    granted = new Set(['b.example']);
    access.forget();
    expect(await access.has('a.example')).toBe(false);
    expect(await access.has('b.example')).toBe(true);
    expect(asked).toEqual(['a.example', 'b.example', 'a.example', 'b.example']);
  });

  it('keeps no answer that was under way when permissions changed, and asks again after a failure', async () => {
    let answer!: (granted: boolean) => void;
    let calls = 0;
    const access = createHostAccess((host) => {
      calls++;
      return host === 'slow.example' ? new Promise((resolve) => (answer = resolve)) : Promise.reject(new Error('no browser'));
    });
    const first = access.has('slow.example');
    access.forget();
    answer(true);
    expect(await first).toBe(true);
    void access.has('slow.example');
    expect(calls).toBe(2);

    await expect(access.has('broken.example')).rejects.toThrow('no browser');
    await expect(access.has('broken.example')).rejects.toThrow('no browser');
    expect(calls).toBe(4);
  });
});
