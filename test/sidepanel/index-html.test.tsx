// @vitest-environment happy-dom
/**
 * The side panel's loading shell, read from its source HTML: painted before any script, while the
 * page waits for its window, and replaced by the App's own loading state. happy-dom paints
 * nothing: a real browser is the judge of what shows (see the popup's in test/e2e/build.test.ts).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/preact';
import { renderApp } from '../support/render-app.tsx';

afterEach(cleanup);

/** The #app element of a page's source HTML, parsed inert (a template loads nothing). */
function appOf(page: string): Element {
  const template = document.createElement('template');
  template.innerHTML = readFileSync(page, 'utf8');
  return template.content.getElementById('app')!;
}

/** An element's tags, classes and attributes, with no text and no white space between tags. */
function shape(element: Element): string {
  const attributes = [...element.attributes]
    .filter((attribute) => attribute.name !== 'role')
    .map((attribute) => `${attribute.name}=${attribute.value}`)
    .sort();
  return `<${element.localName} ${attributes.join(' ')}>${[...element.children].map(shape).join('')}</${element.localName}>`;
}

describe('the side panel’s HTML', () => {
  it('paints the popup’s loading shell before any script', () => {
    const shell = appOf('src/sidepanel/index.html');
    expect(shell.querySelector('main[data-state="loading"][aria-busy="true"] > header.app-header > h1')?.textContent).toBe(
      'Cookie Charter Inspector',
    );
    expect(shape(shell)).toBe(shape(appOf('src/popup/index.html')));
  });

  it('is the App’s loading state, so the App replaces it without a jump', () => {
    const shell = appOf('src/sidepanel/index.html').querySelector('main')!;
    // A site that is never found: the App stays loading.
    const { container } = renderApp({ findSite: () => new Promise(() => undefined) });
    const loading = container.querySelector('main')!;
    expect(loading.getAttribute('data-state')).toBe('loading');
    expect(loading.getAttribute('aria-busy')).toBe('true');
    // The same header (the App's title is the product's name in every language) and status line, its words aside.
    expect(shape(shell.querySelector('header')!)).toBe(shape(loading.querySelector('header')!));
    expect(shape(shell.querySelector('.status')!)).toBe(shape(loading.querySelector('.status')!));
  });
});
