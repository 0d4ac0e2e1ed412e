import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOST, startPortalServer, type PortalServer } from '../../../scripts/demo-portal/server.ts';

/** A page of the server, asked for as a browser mapped to it asks: plain http, the portal's host name. */
function page(server: PortalServer, host: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the demo portal server with a charter of its operator’s (--charter)', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer(0, { charter: { body: '# Drafted\n', contentType: 'text/markdown; charset=utf-8' } });
  });
  afterAll(() => server.close());

  it('serves it at the demo portal’s charter page, and leaves every other host and page as they were', async () => {
    expect(await page(server, DEMO_HOST, '/terms/cookies-policy/')).toEqual({
      status: 200,
      type: 'text/markdown; charset=utf-8',
      body: '# Drafted\n',
    });
    const other = await page(server, 'demo.huwise.com', '/terms/cookies-policy/');
    expect(other.status).toBe(200);
    expect(other.body).toContain('Cookies strictement nécessaires');
    expect((await page(server, DEMO_HOST, '/terms/cookies-information')).status).toBe(404);
    expect((await page(server, DEMO_HOST, '/')).body).toContain('consent-banner');
  });
});
