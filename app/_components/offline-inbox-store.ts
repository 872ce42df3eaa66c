/**
 * The last loaded inbox page, kept in this browser for reading offline. Only what the inbox list
 * shows (sender, kind, dates; never a certified notice's content), and wiped at sign-out (the
 * server also sends Clear-Site-Data then).
 */
export const OFFLINE_INBOX_KEY = "moa-inbox-offline";

export interface OfflineInboxItem {
  id: string;
  agency: string;
  kind: string;
  acceptedAt: string;
  unread: boolean;
  certified: boolean;
  amountDue: number | null;
  dueDate: string | null;
}

export interface OfflineInbox {
  savedAt: string;
  locale: string;
  items: OfflineInboxItem[];
}

export function saveOfflineInbox(locale: string, items: OfflineInboxItem[]): void {
  try {
    const value: OfflineInbox = { savedAt: new Date().toISOString(), locale, items: items.map(({ id, agency, kind, acceptedAt, unread, certified, amountDue, dueDate }) => ({ id, agency, kind, acceptedAt, unread, certified, amountDue, dueDate })) };
    localStorage.setItem(OFFLINE_INBOX_KEY, JSON.stringify(value));
  } catch {
    // Storage full or disabled: offline reading is a convenience, not a requirement.
  }
}

export function loadOfflineInbox(): OfflineInbox | null {
  try {
    const raw = localStorage.getItem(OFFLINE_INBOX_KEY);
    return raw ? (JSON.parse(raw) as OfflineInbox) : null;
  } catch {
    return null;
  }
}

export function clearOfflineInbox(): void {
  try {
    localStorage.removeItem(OFFLINE_INBOX_KEY);
  } catch {
    // nothing to clear
  }
}
