import { afterEach, describe, expect, it } from 'vitest';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { request } from '../../../scripts/browsers/extension-api.ts';

/**
 * What WebDriver BiDi's deserializer (Puppeteer over Firefox) does with a page's result: an
 * object met a second time comes back as nothing (it reads the reference as undefined).
 */
function bidiCopy(value: unknown, seen = new Set<object>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => bidiCopy(item, seen));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, bidiCopy(item, seen)]));
}

/** What the page side of the last request returned, before the driver copied it. */
let returned: unknown;

/** An extension page whose worker answers `response`, read back through bidiCopy. */
function bidiPage(response: unknown): PageUnderTest {
  return {
    evaluate: async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => {
      (globalThis as { browser?: unknown }).browser = { runtime: { sendMessage: async () => response } };
      returned = await fn(arg);
      return bidiCopy(returned) as R;
    },
  } as unknown as PageUnderTest;
}

afterEach(() => {
  returned = undefined;
  delete (globalThis as { browser?: unknown }).browser;
});

describe('a request from an extension page', () => {
  it('returns what the worker sent, an object it holds twice included, through a driver that reads a repeated reference as nothing', async () => {
    // Two findings of one cookie share one detail object, as findings.ts builds them.
    const detail = { provider: 'Hotjar', category: 'analytics', source: 'platform' };
    const findings = [
      { kind: 'before-consent', cookie: '_hjSessionUser_1234', detail },
      { kind: 'undeclared', cookie: '_hjSessionUser_1234', detail },
    ];
    const result = await request(bidiPage({ ok: true, result: { findings } }), 'getDiagnostics', {});
    expect(typeof returned).toBe('string');
    expect(result).toEqual({ findings: [findings[0], { ...findings[1], detail: { ...detail } }] });
  });

  it('says so when the worker sent no answer, rather than failing to parse it', async () => {
    await expect(request(bidiPage(undefined), 'getDiagnostics', {})).rejects.toThrow('the extension sent no answer to getDiagnostics');
  });

  it('throws the error the worker sent', async () => {
    await expect(request(bidiPage({ ok: false, error: 'no such site' }), 'getDiagnostics', {})).rejects.toThrow('no such site');
  });
});
