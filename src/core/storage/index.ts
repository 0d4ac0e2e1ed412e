/** core/storage's public API for Node code: what storage.session holds (its typed items), and how much. */
export { SESSION_BUDGET_BYTES, SESSION_QUOTA_BYTES, storedBytes } from './session-quota.ts';
export { SITE_RECORD_LIMIT_BYTES } from './record-limit.ts';
export {
  attributionItem,
  consentRunItem,
  keyConcernsHost,
  ledgerItem,
  networkLogItem,
  liveCharterItem,
  siteItem,
  type SessionArea,
  type SessionItem,
  type StorageLedger,
} from './session-items.ts';
