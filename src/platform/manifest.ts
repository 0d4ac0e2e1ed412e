import { browser, type Browser } from './browser.ts';

type RuntimeApi = Pick<Browser, 'runtime'>;

/** The host permissions the manifest requires (the portals), to ask for when a browser has not granted them. */
export function requiredHostOrigins(api: RuntimeApi = browser): string[] {
  return (api.runtime.getManifest() as { host_permissions?: string[] }).host_permissions ?? [];
}
