/**
 * Background worker entry. Every listener is registered synchronously, first thing: a listener
 * added after an `await` is missed when the browser wakes the worker for that very event.
 * Handlers wait on `ready`, which restores state from storage.session.
 */
import { allVisibleCookies, onCookieChanged } from '../platform/cookies.ts';
import { serveRequests } from '../platform/messaging.ts';
import { readSession, writeSession } from '../platform/storage.ts';
import { onTabLoaded } from '../platform/tabs.ts';
import { BUNDLED_PORTAL_HOSTS } from '../core/bundled-portals.ts';
import { isPortalHost, webHost } from '../core/portals.ts';
import { createRecorder } from './recorder.ts';
import { createSiteStore } from './site-store.ts';

const store = createSiteStore({ read: (keys) => readSession(keys), write: (items) => writeSession(items) });
const recorder = createRecorder(store, BUNDLED_PORTAL_HOSTS);

/** Cookies may have been set while the worker was stopped: record what exists now. */
async function scanPresentCookies(): Promise<void> {
  recorder.cookiesPresent(await allVisibleCookies());
}

const ready: Promise<void> = store.load().then(scanPresentCookies);

onCookieChanged(({ cookie, removed }) => {
  void ready.then(() => recorder.cookieChanged(cookie, removed));
});

onTabLoaded((url) => {
  const host = webHost(url);
  if (host && isPortalHost(host, BUNDLED_PORTAL_HOSTS)) void ready.then(scanPresentCookies);
});

serveRequests({
  async getSite({ host }) {
    await ready;
    return recorder.snapshot(host);
  },
});
