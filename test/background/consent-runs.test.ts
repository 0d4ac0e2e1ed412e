import { describe, expect, it } from 'vitest';
import { createConsentRuns } from '../../src/background/consent-runs.ts';
import { runOfReport } from '../../src/core/report/compare-runs.ts';
import { consentRunItem } from '../../src/core/storage/session-items.ts';
import { fakeSession } from '../support/fake-session.ts';
import { report, reportCookie } from '../support/reports.ts';
import { auditSite, playSite } from '../support/charter-audit.ts';

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

  it('keep the report itself, but its timeline’s events, for a charter draft from both runs; never a cookie’s value', async () => {
    const session = fakeSession();
    const recorded = auditSite(
      playSite(
        'data.tco.re',
        [
          { name: 'sessionid', days: null },
          { name: '_pk_id.1.a1b2', days: 390 },
        ],
        'accepted',
      ),
      null,
    );
    expect(recorded.timeline.events.length).toBeGreaterThan(0);
    const runs = createConsentRuns(
      session,
      async () => recorded,
      () => 77,
    );
    expect(await runs.savedReport('data.tco.re', '0')).toBeNull();
    await runs.save('data.tco.re', '0');
    expect(await runs.savedReport('data.tco.re', '0')).toEqual({
      ...recorded,
      timeline: { droppedEvents: recorded.timeline.events.length, events: [] },
    });
    // What the panel is sent of it is the run as before, without the report.
    const run = await runs.get('data.tco.re', '0');
    expect(run).toEqual(runOfReport(recorded, 77));
    expect(run).not.toHaveProperty('report');
    expect(JSON.stringify(session.data)).not.toContain('SECRET-VALUE');
  });

  it('read a run an earlier version kept, without its report, as none', async () => {
    const { session, runs } = setup();
    const item = consentRunItem('0', 'data.tco.re');
    session.data[item.key] = JSON.stringify(runOfReport(report([reportCookie({ name: '_ga' })]), 5));
    expect(await runs.get('data.tco.re', '0')).toBeNull();
    expect(await runs.savedReport('data.tco.re', '0')).toBeNull();
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
