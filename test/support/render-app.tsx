import { render } from '@testing-library/preact';
import { App, type PopupActions } from '../../src/views/App.tsx';
import type { Translate } from '../../src/core/ui-strings.ts';

/** Shows keys and substitutions, so tests read which message was chosen. */
export const t: Translate = (key, ...subs) => [key, ...subs].join(' ');

/** Renders the popup with do-nothing actions, overridden per test. */
export function renderApp(actions: Partial<PopupActions> = {}) {
  const props: PopupActions = {
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
  return render(<App {...props} portalOrigins={['*://*.opendatasoft.com/*']} t={t} language="en" />);
}
