import { describe, expect, it } from 'vitest';
import { createTrackedHosts } from '../../src/background/tracked-hosts.ts';

const BUNDLED = new Set(['data.tco.re']);

describe('tracked hosts', () => {
  it('records every portal, bundled or on the platform’s domains, and no other site until granted', async () => {
    let granted = new Set<string>();
    const tracked = createTrackedHosts(async () => ({ everySite: false, hosts: granted }), BUNDLED);
    expect(tracked.isTracked('data.tco.re')).toBe(true);
    expect(tracked.isTracked('demo.opendatasoft.com')).toBe(true);
    expect(tracked.isTracked('opendata.example.org')).toBe(false);

    granted = new Set(['opendata.example.org']);
    expect(tracked.isTracked('opendata.example.org')).toBe(false);
    await tracked.refresh();
    expect(tracked.isTracked('opendata.example.org')).toBe(true);

    granted = new Set();
    await tracked.refresh();
    expect(tracked.isTracked('opendata.example.org')).toBe(false);
  });

  it('records every site once every site is granted, as the popup then finds access there', async () => {
    let everySite = true;
    const tracked = createTrackedHosts(async () => ({ everySite, hosts: new Set<string>() }), BUNDLED);
    await tracked.refresh();
    expect(tracked.isTracked('data.grandlyon.com')).toBe(true);
    expect(tracked.isTracked('opendata.example.org')).toBe(true);

    everySite = false;
    await tracked.refresh();
    expect(tracked.isTracked('data.grandlyon.com')).toBe(false);
    expect(tracked.isTracked('data.tco.re')).toBe(true);
  });
});
