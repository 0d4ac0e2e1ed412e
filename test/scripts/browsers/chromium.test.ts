/** launchChromium when the launch fails half-way: no browser and no profile left behind (the driver is a fake). */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';

const driver = vi.hoisted(() => {
  // Any file that exists stands for the binary: the driver below launches nothing.
  vi.stubEnv('CHROMIUM_PATH', process.execPath);
  return { profiles: [] as string[], launch: null as null | ((profile: string) => Promise<unknown>) };
});
vi.mock('playwright-core', () => ({
  chromium: {
    launchPersistentContext: (profile: string) => {
      driver.profiles.push(profile);
      return driver.launch!(profile);
    },
  },
}));

const { launchChromium, unpackedExtensionId } = await import('../../../scripts/browsers/chromium.ts');

const scratch = scratchDir('chromium-launch');
afterAll(() => {
  scratch.remove();
  vi.unstubAllEnvs();
});

describe('a Chromium launch that fails', () => {
  it('closes the browser and removes its profile when the build declares no popup', async () => {
    writeFileSync(join(scratch.path, 'manifest.json'), '{}');
    const close = vi.fn(async () => undefined);
    // Its service worker runs: the launch goes on to read the popup's path, which the manifest lacks.
    const worker = { url: () => `chrome-extension://${unpackedExtensionId(scratch.path)}/worker.js` };
    driver.launch = async () => ({ serviceWorkers: () => [worker], close });
    await expect(launchChromium({ extensionDir: scratch.path })).rejects.toThrow(TypeError);
    expect(close).toHaveBeenCalledOnce();
    expect(driver.profiles).toHaveLength(1);
    expect(existsSync(driver.profiles[0]!)).toBe(false);
  });

  it('removes the profile when the browser does not start', async () => {
    driver.profiles.length = 0;
    driver.launch = async () => {
      throw new Error('browserType.launchPersistentContext: Target page, context or browser has been closed');
    };
    await expect(launchChromium({ extensionDir: scratch.path, pinCookiePolicy: true })).rejects.toThrow(/has been closed/);
    expect(driver.profiles).toHaveLength(1);
    expect(existsSync(driver.profiles[0]!)).toBe(false);
  });
});
