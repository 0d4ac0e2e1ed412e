import { render } from '@testing-library/preact';
import { App, type PageActions } from '../../src/views/App.tsx';
import type { Translate } from '../../src/core/ui-strings.ts';
import type { PageToolsProps } from '../../src/views/PageTools.tsx';

/** Shows keys and substitutions, so tests read which message was chosen. */
export const t: Translate = (key, ...subs) => [key, ...subs].join(' ');

/** What a test may set beside the page's actions. */
type Extras = PageToolsProps & { openedAt?: number; layout?: 'wide' | 'narrow'; now?: () => number; later?: (run: () => void) => void };

/** Renders the page's App with do-nothing actions, overridden per test; `relayout` renders it again in another layout (a panel resized). */
export function renderApp(actions: Partial<PageActions> & Extras = {}) {
  const props: PageActions = {
    findSite: async () => ({ host: 'data.tco.re' }),
    loadSite: async () => {
      throw new Error('loadSite not set');
    },
    onStateChanged: () => () => undefined,
    requestAccess: async () => false,
    recordConsentFlow: async () => 0,
    exportReport: async () => ({ filename: 'r.json', mimeType: 'application/json', text: '{}' }),
    refreshCharter: async () => undefined,
    download: () => undefined,
    copy: async () => undefined,
    ...actions,
  };
  const page = (layout = actions.layout) => (
    <App {...props} layout={layout} portalOrigins={['*://*.opendatasoft.com/*']} t={t} language="en" />
  );
  const rendered = render(page());
  return { ...rendered, relayout: (layout: 'wide' | 'narrow') => rendered.rerender(page(layout)) };
}
