import { browser, type Browser } from './browser.ts';
import { ALL_SITES_PATTERN, hostOfPattern, hostPattern } from '../core/host-patterns.ts';

type PermissionsApi = Pick<Browser, 'permissions'>;

/** True when the extension may read the cookies of `host` (required or granted host permission). */
export async function hasHostAccess(host: string, api: PermissionsApi = browser): Promise<boolean> {
  return api.permissions.contains({ origins: [hostPattern(host)] });
}

/**
 * Asks the person for access to these origins. Browsers only show the prompt during a user
 * gesture, so call it straight from a click handler. Resolves to whether access was granted.
 */
export async function requestHostAccess(origins: string[], api: PermissionsApi = browser): Promise<boolean> {
  return api.permissions.request({ origins });
}

/** The sites the person granted (optional permissions): one by one, or every site at once. */
export type GrantedSites = {
  /** True once every site is granted (ALL_SITES_PATTERN, asked with "See cookies of embedded content"). */
  everySite: boolean;
  /** Hosts granted one by one. */
  hosts: ReadonlySet<string>;
};

/** The sites granted, from the granted origin patterns. */
export async function grantedSites(api: PermissionsApi = browser): Promise<GrantedSites> {
  const { origins = [] } = await api.permissions.getAll();
  return { everySite: origins.includes(ALL_SITES_PATTERN), hosts: new Set(origins.flatMap((origin) => hostOfPattern(origin) ?? [])) };
}

/** Calls `listener` when host permissions are granted or removed. */
export function onHostAccessChanged(listener: () => void, api: PermissionsApi = browser): void {
  api.permissions.onAdded.addListener(listener);
  api.permissions.onRemoved.addListener(listener);
}

/** What "see cookies of embedded content" asks for: every site's cookies, and which tab loaded what (webRequest). */
export const EMBEDDED_CONTENT_ACCESS = { permissions: ['webRequest'], origins: [ALL_SITES_PATTERN] };

/** True when the person granted it (or the build requires it, as the audit builds do). */
export async function hasEmbeddedContentAccess(api: PermissionsApi = browser): Promise<boolean> {
  return api.permissions.contains({ permissions: [...EMBEDDED_CONTENT_ACCESS.permissions], origins: [...EMBEDDED_CONTENT_ACCESS.origins] });
}

/** Asks for it, in one prompt; call it straight from a click handler. Resolves to whether it was granted. */
export async function requestEmbeddedContentAccess(api: PermissionsApi = browser): Promise<boolean> {
  return api.permissions.request({
    permissions: [...EMBEDDED_CONTENT_ACCESS.permissions] as never[],
    origins: [...EMBEDDED_CONTENT_ACCESS.origins],
  });
}

/**
 * Firefox can make the DevTools panel an optional permission (Chrome cannot: its `devtools_page`
 * is always granted, and warns about every site at install). True when this build asks for it
 * as an optional permission and it is not granted yet.
 */
export async function devtoolsPanelOffered(api: PermissionsApi & Pick<Browser, 'runtime'> = browser): Promise<boolean> {
  const optional = (api.runtime.getManifest() as { optional_permissions?: string[] }).optional_permissions ?? [];
  if (!optional.includes('devtools')) return false;
  return !(await api.permissions.contains({ permissions: ['devtools'] }));
}

/** Asks for the DevTools panel (call it straight from a click); resolves to whether it was granted. */
export async function requestDevtoolsPanel(api: PermissionsApi = browser): Promise<boolean> {
  return api.permissions.request({ permissions: ['devtools'] });
}
