/** Hosts of the portals whose charters are bundled (one file each in charters/). */
export const BUNDLED_PORTAL_HOSTS: ReadonlySet<string> = new Set([
  'anglet-opendatapaysbasque.opendatasoft.com',
  'data.nantesmetropole.fr',
  'data.tco.re',
  'data.toulouse-metropole.fr',
  'itie.opendatasoft.com',
]);
