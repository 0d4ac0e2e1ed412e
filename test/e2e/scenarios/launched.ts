import { afterAll, beforeAll } from 'vitest';
import { startPortalServer, type PortalServer } from '../../../scripts/demo-portal/server.ts';
import type { BrowserUnderTest } from '../../../scripts/browsers/browser-under-test.ts';

/**
 * A fixture portal server and a browser launched against it (`launch` gets the server's port),
 * for the describe block that calls this: started before its tests, closed after them.
 */
export function launchedForBlock<B extends BrowserUnderTest>(launch: (port: number) => Promise<B>): { browser: () => B } {
  let portal: PortalServer | undefined;
  let browser: B | undefined;

  beforeAll(async () => {
    portal = await startPortalServer();
    browser = await launch(portal.port);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  return { browser: () => browser! };
}
