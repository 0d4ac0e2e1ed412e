import { request } from 'node:http';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_HOST,
  heldCharterReadCount,
  setCharterPageFault,
  startPortalServer,
  type PortalServer,
} from '../../../scripts/demo-portal/server.ts';

type Page = { status: number; type: string; body: string; setCookie: string[] };

/** A page of the server, asked for as a browser mapped to it asks: plain http, the portal's host name. */
function page(server: PortalServer, host: string, path: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
          setCookie: response.headers['set-cookie'] ?? [],
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The `Set-Cookie` line that sets `name`, as its attributes, lower-cased names (`max-age`, `httponly`). */
function cookieAttributes(setCookie: string[], name: string): Record<string, string> {
  const line = setCookie.find((header) => header.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`no Set-Cookie for ${name}`);
  return Object.fromEntries(
    line
      .split(';')
      .slice(1)
      .map((part) => {
        const [key = '', value = ''] = part.trim().split('=');
        return [key.toLowerCase(), value];
      }),
  );
}

/**
 * Runs a portal page's script on `hostname` with a stand-in document that holds no cookie yet;
 * returns the `document.cookie` lines it writes and a way to click the banner's buttons.
 */
function runPortalScript(html: string, hostname: string): { written: string[]; click(id: string): void } {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (script === undefined) throw new Error('no script in the page');
  const written: string[] = [];
  const elements = new Map<string, { hidden: boolean; checked: boolean; onclick: (() => void) | null }>();
  const element = (id: string) => {
    if (!elements.has(id)) elements.set(id, { hidden: true, checked: false, onclick: null });
    return elements.get(id)!;
  };
  const document = {
    get cookie() {
      return '';
    },
    set cookie(line: string) {
      written.push(line);
    },
    getElementById: element,
    body: { dataset: {} },
  };
  runInNewContext(script, { document, location: { hostname } });
  return { written, click: (id) => element(id).onclick!() };
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
      setCookie: [],
    });
    const other = await page(server, 'demo.huwise.com', '/terms/cookies-policy/');
    expect(other.status).toBe(200);
    expect(other.body).toContain('Cookies strictement nécessaires');
    expect((await page(server, DEMO_HOST, '/terms/cookies-information')).status).toBe(404);
    expect((await page(server, DEMO_HOST, '/')).body).toContain('consent-banner');
  });
});

describe('the demo portal’s cookies', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer(0);
  });
  afterAll(() => server.close());

  it('sets the platform’s cookies with Django’s default flags, and the lifetimes the vendor’s policy states', async () => {
    const { setCookie } = await page(server, DEMO_HOST, '/');
    // Host-only, Path=/, never Secure: SESSION_/CSRF_/LANGUAGE_COOKIE_DOMAIN None, _PATH '/', _SECURE False.
    for (const name of ['sessionid', 'csrftoken', 'django_language']) {
      const attributes = cookieAttributes(setCookie, name);
      expect(attributes, name).toMatchObject({ path: '/' });
      expect(attributes, name).not.toHaveProperty('domain');
      expect(attributes, name).not.toHaveProperty('secure');
    }
    expect(cookieAttributes(setCookie, 'sessionid')).toEqual({ path: '/', 'max-age': '1209600', httponly: '', samesite: 'Lax' });
    expect(cookieAttributes(setCookie, 'csrftoken')).toEqual({ path: '/', 'max-age': '31536000', samesite: 'Lax' });
    // LANGUAGE_COOKIE_SAMESITE None: no SameSite attribute; the 12 months are the vendor's.
    expect(cookieAttributes(setCookie, 'django_language')).toEqual({ path: '/', 'max-age': '31536000' });
  });

  it('writes _ga on the portal’s own domain on tco.re, not on the public suffix re', async () => {
    const { body } = await page(server, 'tco.re', '/');
    const run = runPortalScript(body, 'tco.re');
    run.click('consent-accept');
    const ga = run.written.find((line) => line.startsWith('_ga='));
    expect(ga).toContain('; domain=tco.re;');
  });

  it('writes _ga on the parent domain on data.tco.re, as on every portal of three labels', async () => {
    const { body } = await page(server, 'data.tco.re', '/');
    const run = runPortalScript(body, 'data.tco.re');
    run.click('consent-accept');
    expect(run.written.find((line) => line.startsWith('_ga='))).toContain('; domain=tco.re;');
  });

  it('plays the guide’s banner (data.propre) with the necessary cookies’ switch locked on, and leaves the default banner without it', async () => {
    const banner = (html: string) => /<section id="consent-banner"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const guide = banner((await page(server, 'data.propre.opendatasoft.com', '/')).body);
    expect(guide).toContain('id="consent-save"');
    expect(guide).not.toContain('id="consent-accept"');
    expect(guide).toMatch(/<label><input type="checkbox" id="consent-necessary" checked disabled> Cookies nécessaires<\/label>/);
    const demo = banner((await page(server, DEMO_HOST, '/')).body);
    expect(demo).toContain('id="consent-accept"');
    expect(demo).not.toContain('consent-necessary');
  });
});

describe('a portal’s charter page made to fail (setCharterPageFault)', () => {
  const host = 'data.tco.re';
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer(0);
  });
  afterEach(() => setCharterPageFault(host, null));
  afterAll(() => server.close());

  it('answers the error status at that host’s charter page only, until cleared', async () => {
    setCharterPageFault(host, { status: 503 });
    expect((await page(server, host, '/terms/cookies-policy/')).status).toBe(503);
    expect((await page(server, host, '/terms/cookies-information')).status).toBe(404);
    expect((await page(server, host, '/')).status).toBe(200);
    expect((await page(server, DEMO_HOST, '/terms/cookies-policy/')).status).toBe(200);
    setCharterPageFault(host, null);
    const charter = await page(server, host, '/terms/cookies-policy/');
    expect(charter.status).toBe(200);
    expect(charter.body).toContain('API (CSRF)');
  });

  it('holds its reads unanswered, then answers them as usual once cleared', async () => {
    setCharterPageFault(host, 'hold');
    let answered = false;
    const read = page(server, host, '/terms/cookies-policy/').finally(() => (answered = true));
    await expect.poll(() => heldCharterReadCount(host)).toBe(1);
    expect((await page(server, DEMO_HOST, '/terms/cookies-policy/')).status).toBe(200);
    expect(answered).toBe(false);
    setCharterPageFault(host, null);
    expect(heldCharterReadCount(host)).toBe(0);
    expect((await read).status).toBe(200);
  });
});
