// @vitest-environment happy-dom
/**
 * What the stylesheet promises, read from views.css itself: no layout here (happy-dom measures
 * nothing), so a real browser is still the judge of how it looks.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import { AccessPrompt } from '../../src/views/AccessPrompt.tsx';
import { CharterInfo } from '../../src/views/CharterInfo.tsx';
import { ConsentRuns } from '../../src/views/ConsentRuns.tsx';
import { CookieRows } from '../../src/views/CookieItem.tsx';
import { CookieList } from '../../src/views/CookieList.tsx';
import { FindingsSummary } from '../../src/views/FindingsSummary.tsx';
import { TimelineView } from '../../src/views/TimelineView.tsx';
import { rowsOf } from '../../src/views/cookie-rows.ts';
import { visibleCookieName } from '../../src/core/cookies/nameless.ts';
import { runOfReport } from '../../src/core/report/compare-runs.ts';
import type { SetBy } from '../../src/core/network/set-by.ts';
import type { Report } from '../../src/core/report/report.ts';
import { finding, report, reportCookie } from '../support/reports.ts';
import { t } from '../support/render-app.tsx';

const css = readFileSync('src/views/views.css', 'utf8');

/** The stylesheet's rules with a selector, as the browser's CSS parser (happy-dom's here) reads them. */
function styleRules(): CSSStyleRule[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return [...sheet.cssRules].filter((rule): rule is CSSStyleRule => 'selectorText' in rule);
}

/** A property's value in the rule whose selector is exactly `selector`. */
function declared(selector: string, property: string): string {
  const rule = styleRules().find((candidate) => candidate.selectorText === selector);
  return rule?.style.getPropertyValue(property) ?? '';
}

/** A colour as the scheme shows it: var() resolved through :root, then light-dark()'s side picked. */
function schemeColour(value: string, scheme: 'light' | 'dark'): string {
  const resolved = value.trim().replace(/^var\((--[\w-]+)\)$/, (_, name: string) => schemeColour(declared(':root', name), scheme));
  const sides = /^light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)$/i.exec(resolved);
  return sides ? sides[scheme === 'light' ? 1 : 2]! : resolved;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((at) => {
      const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

describe('views.css', () => {
  it('gives the text of filled buttons a contrast of at least 4.5:1 in both schemes', () => {
    for (const button of ['button.danger', 'button.primary']) {
      for (const scheme of ['light', 'dark'] as const) {
        const text = schemeColour(declared(button, 'color'), scheme);
        const fill = schemeColour(declared(button, 'background'), scheme);
        expect(text, `${button} ${scheme}`).toMatch(/^#[0-9a-f]{6}$/i);
        expect(fill, `${button} ${scheme}`).toMatch(/^#[0-9a-f]{6}$/i);
        expect(contrast(text, fill), `${button} ${scheme}: ${text} on ${fill}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('draws the charter’s “check again” as a link, as the header’s actions are: coloured, underlined, marked on hover', () => {
    const charter: Report['charter'] = { kind: 'bundled', portal: 'data.tco.re', language: 'fr', entries: 4, live: null, changes: null };
    const { container } = render(<CharterInfo charter={charter} pending={false} refresh={async () => undefined} t={t} language="en" />);
    const refresh = container.querySelector('[data-action="refresh-charter"]')!;
    cleanup();
    expect(refresh.classList).toContain('link-button');
    expect(schemeColour(declared('button.link-button', 'color'), 'light')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(declared('button.link-button', 'text-decoration')).toContain('underline');
    const hover = styleRules().filter((rule) => rule.selectorText.startsWith('button.link-button:hover'));
    expect(hover.map((rule) => rule.style.length)).toEqual([1]);
    // Its focus ring is the page's own: nothing takes it away.
    expect(styleRules().filter((rule) => /link-button/.test(rule.selectorText) && /outline/.test(rule.cssText))).toEqual([]);
  });

  it('gives the scrolling list of findings room for several, and for the focus ring of each finding’s button', () => {
    const px = (selector: string, property: string) => {
      const value = declared(selector, property);
      expect(value, `${selector} ${property}`).toMatch(/^-?\d+(\.\d+)?px$|^0$/);
      return parseFloat(value);
    };
    expect(declared('.finding-list', 'overflow')).toBe('auto');
    // A finding whose evidence takes two lines is about 55 px high: 160 px scrolled after three.
    expect(px('.finding-list', 'max-height')).toBeGreaterThanOrEqual(300);
    // The ring is drawn outside the button, which starts at the list's edge: the padding keeps it inside the box that clips.
    // The width read from the stylesheet's own words: happy-dom reads a shorthand holding var() wrongly.
    const outlineWidth = /^:focus-visible \{[^}]*\boutline: (\d+)px /m.exec(css)?.[1];
    const ring = px(':focus-visible', 'outline-offset') + Number(outlineWidth);
    expect(ring).toBeGreaterThan(0);
    for (const side of ['left', 'right']) expect(px('.finding-list', `padding-${side}`), side).toBeGreaterThanOrEqual(ring);
    // Above the first button and below the last: the list's padding and the row's.
    for (const side of ['top', 'bottom'])
      expect(px('.finding-list', `padding-${side}`) + px('.finding-list li', `padding-${side}`), side).toBeGreaterThanOrEqual(ring);
  });

  it('keeps the title on one line, the page’s links going below it when they do not fit beside it, each on one line', () => {
    // "Cookie Charter / Inspector" beside two links in Firefox; "Enable the DevTools / panel" centred in a 400 px side panel.
    expect(declared('h1', 'white-space')).toBe('nowrap');
    expect(declared('.app-header', 'flex-wrap')).toBe('wrap');
    expect(declared('.page-tools button.link-button', 'white-space')).toBe('nowrap');
    // A link's words that must wrap elsewhere (the charter's) start where the line does, not centred as a button's.
    expect(declared('button.link-button', 'text-align')).toBe('start');
  });

  it('shows the visitor’s refusal, each tracker refused and what came after it, in a colour of its own, not the red of a breach, readable in both schemes', () => {
    // The timeline's "after refusing" marks every cookie then, the necessary ones too: the findings say which are breaches.
    for (const selector of ['.consent-refused', '.consent-trackers .refused', '.phase-after-refuse']) {
      for (const scheme of ['light', 'dark'] as const) {
        const colour = schemeColour(declared(selector, 'color'), scheme);
        expect(colour, `${selector} ${scheme}`).toMatch(/^#[0-9a-f]{6}$/i);
        expect(colour, `${selector} ${scheme}`).not.toBe(schemeColour('var(--high)', scheme));
        // On the page, and on the site's box it is shown in.
        for (const ground of ['var(--bg)', 'var(--surface)'])
          expect(contrast(colour, schemeColour(ground, scheme)), `${selector} ${scheme} on ${ground}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('draws the timeline’s refusal and removal dividers in the refusal’s colour, not the red of a breach', () => {
    for (const divider of ['refused', 'removed']) {
      const rule = styleRules().find((candidate) =>
        candidate.selectorText
          .split(',')
          .some((selector) => selector.trim().replace(/"/g, "'") === `.events .divider[data-divider='${divider}']`),
      );
      expect(rule?.style.getPropertyValue('border-top-color'), divider).toBe('var(--refused)');
    }
  });

  describe('long unbroken names, domains and paths', () => {
    // Unbroken, and wider than the popup at any font size.
    const long = `_${'x'.repeat(160)}`;
    const longDomain = `${'d'.repeat(63)}.tco.re`;
    const longPath = `/${'p'.repeat(160)}`;
    let style: HTMLStyleElement;
    beforeAll(() => {
      style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
    });
    afterAll(() => style.remove());
    afterEach(cleanup);

    /**
     * Whether text in `element` may break anywhere: overflow-wrap and word-break are inherited, so
     * the nearest element that sets either decides (happy-dom computes each element's own rules
     * only, so the ancestors are read here).
     */
    const wraps = (element: Element | null): boolean => {
      for (let at = element; at; at = at.parentElement) {
        const { overflowWrap, wordBreak } = getComputedStyle(at);
        if (wordBreak === 'break-all' || overflowWrap === 'anywhere') return true;
        if (overflowWrap || wordBreak) return false;
      }
      return false;
    };

    /** Every element of the view whose own text holds one of the long strings and may not break, as "tag.class: text". */
    const unwrapped = (view: ComponentChild | Element): string[] => {
      const container = view instanceof Element ? view : render(view).container;
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      const holders: Element[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (![long, longDomain.split('.')[0]!, longPath].some((part) => text.includes(part))) continue;
        holders.push(node.parentElement!);
        if (!wraps(node.parentElement))
          found.push(`${node.parentElement!.tagName.toLowerCase()}.${node.parentElement!.className}: ${text.slice(0, 40)}`);
      }
      expect(holders.length, 'the view shows the long strings').toBeGreaterThan(0);
      return found;
    };

    it('wrap in a cookie’s row: its name, domain and first page', () => {
      const [row] = rowsOf(report([reportCookie({ name: long, domain: longDomain, hostOnly: false, firstPage: longPath })]));
      expect(unwrapped(<CookieRows rows={[row!]} t={t} language="en" />)).toEqual([]);
    });

    it('wrap in a cookie’s row: its path and its partition’s site, whose chips are not kept whole as a flag is', () => {
      const [row] = rowsOf(report([reportCookie({ name: 'a', path: longPath, partitionKey: `http://${longDomain}` })]));
      const { container } = render(<CookieRows rows={[row!]} t={t} language="en" />);
      expect(unwrapped(container)).toEqual([]);
      const chips = [...container.querySelectorAll('.flag')].map((chip) => [chip.className, getComputedStyle(chip).whiteSpace]);
      expect(chips.filter(([name]) => name !== 'flag')).toEqual([
        ['flag path', 'normal'],
        ['flag partition', 'normal'],
      ]);
      // Secure, SameSite=…: short words, each kept whole.
      expect(chips.filter(([name]) => name === 'flag').map(([, whiteSpace]) => whiteSpace)).toEqual(['nowrap', 'nowrap']);
    });

    it('wrap in a cookie’s row: its provider, service, purpose and declared lifetime, from the charter', () => {
      const [row] = rowsOf(report([reportCookie({ name: 'a', provider: long, service: long, purpose: long, duration: long })]));
      expect(unwrapped(<CookieRows rows={[row!]} t={t} language="en" />)).toEqual([]);
    });

    it('wrap in the access prompt, its button included, and in the list’s “no cookies” hint', () => {
      const access = (
        <AccessPrompt host={longDomain} portal={false} origins={[]} requestAccess={async () => false} onGranted={() => undefined} t={t} />
      );
      expect(unwrapped(access)).toEqual([]);
      cleanup();
      expect(unwrapped(<CookieList rows={[]} host={longDomain} focusKey={null} onFocused={() => undefined} t={t} language="en" />)).toEqual(
        [],
      );
    });

    it('wrap in the findings list', () => {
      const findings = [
        finding({ kind: 'not-seen', cookie: long, detail: { provider: long, category: 'other', source: 'open-cookie-database' } }),
      ];
      expect(
        unwrapped(<FindingsSummary findings={findings} cookiesSeen={1} consentReadable onSelect={() => undefined} t={t} language="en" />),
      ).toEqual([]);
    });

    it('wrap in the timeline, its markers and what set each event', () => {
      const events = [{ type: 'set' as const, at: 1, name: long, domain: longDomain, phase: 'before-choice' as const }];
      const cookie = { name: long, domain: null, expires: null };
      const response = {
        method: 'GET',
        url: `https://data.tco.re${longPath}`,
        status: 200,
        startedAt: 1,
        finishedAt: 2,
        cookies: [cookie],
      };
      const setBy = (): SetBy => ({ kind: 'response', response, cookie });
      expect(
        unwrapped(
          <TimelineView
            showName={visibleCookieName}
            host={longDomain}
            timeline={{ droppedEvents: 0, events }}
            setBy={setBy}
            t={t}
            language="en"
          />,
        ),
      ).toEqual([]);
    });

    it('wrap in the two runs, their comparison and the recording’s confirmation', () => {
      const accepted = report([reportCookie({ name: long, category: 'statistics' })], {
        host: longDomain,
        consent: { state: 'accepted', changedAt: 1, trackers: {} },
      });
      const refused = report([reportCookie({ name: `${long}2` })], {
        host: longDomain,
        consent: { state: 'refused', changedAt: 2, trackers: {} },
      });
      const { container } = render(
        <ConsentRuns
          showName={visibleCookieName}
          host={longDomain}
          report={refused}
          savedRun={runOfReport(accepted, 1)}
          recordConsentFlow={async () => 1}
          progress={{ state: 'idle' }}
          setProgress={() => undefined}
          t={t}
          language="en"
        />,
      );
      expect(unwrapped(container)).toEqual([]);
      fireEvent.click(container.querySelector('[data-action="record-flow"]')!);
      expect(container.querySelector('[role="alertdialog"]')?.textContent).toContain(longDomain);
      expect(unwrapped(container)).toEqual([]);
    });

    it('wrap in the compared runs’ tracker choices: a tracker key is the page’s cookie’s text', () => {
      const choice = (flag: boolean): Report['consent'] => ({ state: 'choice', changedAt: 1, trackers: { [long]: flag, ga: true } });
      const { container } = render(
        <ConsentRuns
          showName={visibleCookieName}
          host="data.tco.re"
          report={report([reportCookie({ name: 'a' })], { consent: choice(false) })}
          savedRun={runOfReport(report([reportCookie({ name: 'b' })], { consent: choice(true) }), 1)}
          recordConsentFlow={async () => 1}
          progress={{ state: 'idle' }}
          setProgress={() => undefined}
          t={t}
          language="en"
        />,
      );
      expect(container.querySelector('.consent-trackers li')?.textContent).toContain(long);
      expect(unwrapped(container)).toEqual([]);
    });

    it('wrap in the charter’s changes, its address and the path it could not be read at', () => {
      const entry = {
        provider: long,
        service: null,
        cookie: long,
        match: 'exact' as const,
        purpose: long,
        duration: null,
        category: 'necessary' as const,
      };
      const charter: Report['charter'] = {
        kind: 'live',
        portal: 'data.tco.re',
        language: 'fr',
        entries: 1,
        live: { fetchedAt: 0, url: `https://data.tco.re${longPath}`, problem: null },
        changes: {
          added: [entry],
          removed: [entry],
          changed: [{ cookie: long, fields: [{ field: 'purpose' as const, before: long, after: null }] }],
        },
      };
      expect(unwrapped(<CharterInfo charter={charter} pending={false} refresh={async () => undefined} t={t} language="en" />)).toEqual([]);
      cleanup();
      const failed: Report['charter'] = {
        ...charter,
        kind: 'bundled',
        live: { fetchedAt: 0, url: null, problem: { kind: 'http', status: 404, path: longPath } },
      };
      expect(unwrapped(<CharterInfo charter={failed} pending={false} refresh={async () => undefined} t={t} language="en" />)).toEqual([]);
    });
  });

  describe('names holding bidirectional controls', () => {
    // document.cookie accepts a right-to-left override in a name: unisolated, it reverses the rest of the line.
    const hostile = 'x\u202Eevil';
    let style: HTMLStyleElement;
    beforeAll(() => {
      style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
    });
    afterAll(() => style.remove());
    afterEach(cleanup);

    /** Elements whose content is a line (or paragraph) of its own: a control inside one stops at its end anyway. */
    const LINES = new Set(['P', 'LI', 'DIV', 'SECTION', 'UL', 'DL', 'DT', 'DD', 'DETAILS', 'SUMMARY', 'BUTTON', 'H2', 'H3', 'H4', 'MAIN']);

    /** Whether `element` or an ancestor within its line is a bidi isolate: what follows it on the line keeps its order. */
    const isolated = (element: Element): boolean => {
      for (let at: Element | null = element; at && !LINES.has(at.tagName); at = at.parentElement)
        if (at.tagName === 'BDI' || getComputedStyle(at).unicodeBidi === 'isolate') return true;
      return false;
    };

    /** Every element of the view whose own text holds the control and is not isolated, as "tag.class: text". */
    const unisolated = (view: ComponentChild): string[] => {
      const { container } = render(view);
      const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      const found: string[] = [];
      let holders = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.includes('\u202E')) continue;
        holders++;
        const holder = node.parentElement!;
        if (!isolated(holder)) found.push(`${holder.tagName.toLowerCase()}.${holder.className}: ${node.textContent}`);
      }
      expect(holders, 'the view shows the names').toBeGreaterThan(0);
      return found;
    };

    it('are isolated in a cookie’s row: its name, provider, domain and first page', () => {
      const cookie = reportCookie({
        name: hostile,
        provider: hostile,
        domain: `${hostile}.tco.re`,
        hostOnly: false,
        firstPage: `/${hostile}`,
      });
      const [row] = rowsOf(report([cookie]));
      expect(unisolated(<CookieRows rows={[row!]} t={t} language="en" />)).toEqual([]);
    });

    /** The view shows the name with its control as a code (core/cookies/nameless.ts): no control left to isolate. */
    const shownAsCode = (view: ComponentChild) => {
      const text = render(view).container.textContent ?? '';
      expect(text).toContain('x<U+202E>evil');
      expect(text).not.toContain('\u202E');
    };

    it('are shown as codes in the findings, the timeline and the two runs, and isolated in the charter’s changes', () => {
      const findings = [finding({ kind: 'undeclared', cookie: hostile })];
      shownAsCode(<FindingsSummary findings={findings} cookiesSeen={1} consentReadable onSelect={() => undefined} t={t} language="en" />);
      cleanup();
      const events = [{ type: 'set' as const, at: 1, name: hostile, domain: 'data.tco.re', phase: 'before-choice' as const }];
      shownAsCode(
        <TimelineView showName={visibleCookieName} host="data.tco.re" timeline={{ droppedEvents: 0, events }} t={t} language="en" />,
      );
      cleanup();
      const accepted = report([reportCookie({ name: hostile, category: 'statistics' })], {
        consent: { state: 'accepted', changedAt: 1, trackers: {} },
      });
      const refused = report([], { consent: { state: 'refused', changedAt: 2, trackers: {} } });
      shownAsCode(
        <ConsentRuns
          showName={visibleCookieName}
          host="data.tco.re"
          report={refused}
          savedRun={runOfReport(accepted, 1)}
          recordConsentFlow={async () => 1}
          progress={{ state: 'idle' }}
          setProgress={() => undefined}
          t={t}
          language="en"
        />,
      );
      cleanup();
      const entry = {
        provider: 'p',
        service: null,
        cookie: hostile,
        match: 'exact' as const,
        purpose: 'p',
        duration: null,
        category: 'necessary' as const,
      };
      const charter: Report['charter'] = {
        kind: 'live',
        portal: 'data.tco.re',
        language: 'fr',
        entries: 1,
        live: { fetchedAt: 0, url: 'https://data.tco.re/charter', problem: null },
        changes: {
          added: [entry],
          removed: [entry],
          changed: [{ cookie: hostile, fields: [{ field: 'purpose' as const, before: 'a', after: 'b' }] }],
        },
      };
      expect(unisolated(<CharterInfo charter={charter} pending={false} refresh={async () => undefined} t={t} language="en" />)).toEqual([]);
    });
  });
});
