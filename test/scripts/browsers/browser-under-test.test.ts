import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileDir, removeScratchDirsLeft, scratchDir } from '../../../scripts/browsers/browser-under-test.ts';

describe('removeScratchDirsLeft', () => {
  it('removes the scratch folders not removed yet (a browser profile, its cookies with it), and only those', () => {
    const removed = scratchDir('left-removed');
    const left = scratchDir('left-behind');
    removed.remove();
    removeScratchDirsLeft();
    expect([existsSync(removed.path), existsSync(left.path)]).toEqual([false, false]);
    // Removed once: removing again, or the folder's own remove, is no error.
    expect(() => removeScratchDirsLeft()).not.toThrow();
    expect(() => left.remove()).not.toThrow();
  });
});

describe('scratch folders of a Chromium profile', () => {
  /** A profile as Chromium leaves it when killed: its SingletonSocket links to a folder of its own in TMPDIR. */
  function killedChromiumProfile(singletonName: string): { profile: ReturnType<typeof scratchDir>; singleton: string } {
    const profile = scratchDir('singleton');
    const singleton = mkdtempSync(join(tmpdir(), singletonName));
    writeFileSync(join(singleton, 'SingletonCookie'), '');
    symlinkSync(join(singleton, 'SingletonSocket'), join(profile.path, 'SingletonSocket'));
    return { profile, singleton };
  }

  it("removes the folder Chromium made in TMPDIR, named by the profile's SingletonSocket (left by a browser killed)", () => {
    const once = killedChromiumProfile('org.chromium.Chromium.');
    once.profile.remove();
    const left = killedChromiumProfile('org.chromium.Chromium.');
    removeScratchDirsLeft();
    expect([once.profile.path, once.singleton, left.profile.path, left.singleton].filter((path) => existsSync(path))).toEqual([]);
  });

  it('removes no folder named like Chromium’s outside TMPDIR, nor one a relative link names', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'cci-home-'));
    const outside = join(elsewhere, 'org.chromium.Chromium.abcdef');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious.txt'), 'kept');
    const profile = scratchDir('singleton');
    symlinkSync(join(outside, 'SingletonSocket'), join(profile.path, 'SingletonSocket'));
    profile.remove();
    const relative = scratchDir('singleton');
    symlinkSync('org.chromium.Chromium.zzzzzz/SingletonSocket', join(relative.path, 'SingletonSocket'));
    expect(() => relative.remove()).not.toThrow();
    expect([existsSync(profile.path), existsSync(join(outside, 'precious.txt')), existsSync(relative.path)]).toEqual([false, true, false]);
    rmSync(elsewhere, { recursive: true });
  });

  it('removes no folder of another name a link there points to', () => {
    const other = killedChromiumProfile('not-chromium-');
    other.profile.remove();
    expect([existsSync(other.profile.path), existsSync(other.singleton)]).toEqual([false, true]);
    rmSync(other.singleton, { recursive: true });
  });
});

describe('profileDir', () => {
  /** The id of a process that has ended (a SIGKILLed audit's). */
  function endedProcessId(): number {
    return spawnSync(process.execPath, ['-e', '0']).pid;
  }

  it('removes the profiles an ended run left (a SIGKILL cannot be caught), not those of a run still going', () => {
    const ended = mkdtempSync(join(tmpdir(), `cci-chromium-p${endedProcessId()}-`));
    writeFileSync(join(ended, 'Cookies'), 'a value');
    const endedFirefox = mkdtempSync(join(tmpdir(), `cci-firefox-p${endedProcessId()}-`));
    // Process 1 never ends: a run of its own (or of another user's) is going on.
    const going = mkdtempSync(join(tmpdir(), 'cci-chromium-p1-'));
    const notOurs = mkdtempSync(join(tmpdir(), `cci-chromium-x${endedProcessId()}-`));
    const profile = profileDir('chromium');
    expect([ended, endedFirefox, going, notOurs, profile.path].map((path) => existsSync(path))).toEqual([false, false, true, true, true]);
    expect(profile.path).toContain(`cci-chromium-p${process.pid}-`);
    profile.remove();
    rmSync(going, { recursive: true });
    rmSync(notOurs, { recursive: true });
  });

  it('removes only real folders of this user: not a link named like a profile, a file, nor another user’s folder, nor the folder its link names', () => {
    const pid = endedProcessId();
    const target = mkdtempSync(join(tmpdir(), 'cci-home-'));
    writeFileSync(join(target, 'precious.txt'), 'kept');
    const link = join(tmpdir(), `cci-chromium-p${pid}-Link01`);
    symlinkSync(target, link);
    const file = join(tmpdir(), `cci-firefox-p${pid}-File01`);
    writeFileSync(file, 'kept');
    // Another user's (root may give it away; another user cannot): a folder it made, its link naming a Chromium folder of ours.
    const victim = mkdtempSync(join(tmpdir(), 'org.chromium.Chromium.'));
    const bait = mkdtempSync(join(tmpdir(), `cci-chromium-p${pid}-`));
    symlinkSync(join(victim, 'SingletonSocket'), join(bait, 'SingletonSocket'));
    const root = process.getuid?.() === 0;
    if (root) chownSync(bait, 65534, 65534);
    const profile = profileDir('chromium');
    expect([existsSync(join(target, 'precious.txt')), existsSync(link), existsSync(file)]).toEqual([true, true, true]);
    if (root) expect([existsSync(bait), existsSync(victim)]).toEqual([true, true]);
    profile.remove();
    for (const path of [link, file, bait, victim, target]) rmSync(path, { recursive: true, force: true });
  });
});
