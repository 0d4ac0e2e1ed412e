import { describe, expect, it } from 'vitest';
import { createConsentRuns } from '../../src/background/consent-runs.ts';
import { consentRunItem } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';
import { report, reportCookie } from '../support/reports.ts';

function setup() {
  const session = fakeSession();
  const asked: string[] = [];
  const runs = createConsentRuns(
    session,
    async (host, storeId) => (
      asked.push(`${storeId}|${host}`),
      report([reportCookie({ name: '_ga', category: 'statistics' })], {
        consent: { state: 'accepted', changedAt: 1, trackers: { ga: true } },
      })
    ),
    () => 77,
  );
  return { session, runs, asked };
}

describe('consent runs', () => {
  it('keep the site’s report as its run, per store, and give it back', async () => {
    const { session, runs, asked } = setup();
    await runs.save('data.tco.re', 'firefox-private');
    expect(asked).toEqual(['firefox-private|data.tco.re']);
    const run = await runs.get('data.tco.re', 'firefox-private');
    expect(run).toMatchObject({ savedAt: 77, consent: { state: 'accepted', trackers: { ga: true } }, cookies: [{ name: '_ga' }] });
    expect(await runs.get('data.tco.re', '0')).toBeNull();
    expect(session.data[consentRunItem('firefox-private', 'data.tco.re').key]).toBeTypeOf('string');
  });

  it('drop a kept run, and do nothing when there is none', async () => {
    const { session, runs } = setup();
    const removes: string[][] = [];
    const remove = session.remove.bind(session);
    session.remove = async (keys) => (removes.push(keys), remove(keys));
    await runs.drop('data.tco.re', '0');
    expect(removes).toEqual([]);
    await runs.save('data.tco.re', '0');
    await runs.drop('data.tco.re', '0');
    expect(removes).toEqual([[consentRunItem('0', 'data.tco.re').key]]);
    expect(await runs.get('data.tco.re', '0')).toBeNull();
  });
});
