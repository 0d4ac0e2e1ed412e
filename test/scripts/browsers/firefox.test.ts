/** launchFirefox when the launch fails half-way: no browser and no profile left behind (the driver is a fake). */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { scratchDir } from '../../../scripts/browsers/browser-under-test.ts';

const driver = vi.hoisted(() => {
  // Any file that exists stands for the binary: the driver below launches nothing.
  vi.stubEnv('FIREFOX_PATH', process.execPath);
  return { profiles: [] as string[], launch: null as null | (() => Promise<unknown>) };
});
vi.mock('puppeteer-core', () => ({
  default: {
    launch: (options: { userDataDir: string }) => {
      driver.profiles.push(options.userDataDir);
      return driver.launch!();
    },
  },
}));

const { launchFirefox } = await import('../../../scripts/browsers/firefox.ts');

const scratch = scratchDir('firefox-launch');
afterAll(() => {
  scratch.remove();
  vi.unstubAllEnvs();
});
writeFileSync(join(scratch.path, 'manifest.json'), JSON.stringify({ browser_specific_settings: { gecko: { id: 'test@example.org' } } }));

describe('a Firefox launch that fails', () => {
  it('closes the browser and removes its profile when the add-on cannot be installed', async () => {
    const close = vi.fn(async () => undefined);
    driver.launch = async () => ({
      installExtension: async () => {
        throw new Error('Protocol error (webExtension.install): invalid web extension');
      },
      close,
    });
    await expect(launchFirefox({ extensionDir: scratch.path })).rejects.toThrow(/invalid web extension/);
    expect(close).toHaveBeenCalledOnce();
    expect(driver.profiles).toHaveLength(1);
    expect(existsSync(driver.profiles[0]!)).toBe(false);
  });

  it('removes the profile when the browser does not start', async () => {
    driver.profiles.length = 0;
    driver.launch = async () => {
      throw new Error('Failed to launch the browser process!');
    };
    await expect(launchFirefox({ extensionDir: scratch.path })).rejects.toThrow(/Failed to launch/);
    expect(driver.profiles).toHaveLength(1);
    expect(existsSync(driver.profiles[0]!)).toBe(false);
  });
});
