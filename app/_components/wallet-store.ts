/**
 * The wallet in this browser's IndexedDB: the device key certificates are bound to (a
 * non-extractable ECDSA P-256 key: a CryptoKey is stored as is, never exported), and the last
 * loaded list and details for reading offline. Sign-out wipes both (Clear-Site-Data); "remove from
 * this device" wipes the copies.
 */
import type { CredentialState } from "@/server/credentials/wallet";
import type { CredentialType, IssuerCode } from "@/server/credentials/types";

const DB_NAME = "moa-wallet";
const KEYS = "keys";
const COPIES = "copies";
const DEVICE_KEY = "device";
export const WALLET_CHANGED = "moa-wallet-changed";

export interface DeviceKey {
  privateKey: CryptoKey;
  publicJwk: { kty: "EC"; crv: "P-256"; x: string; y: string };
}

/** What the offline wallet shows of one certificate. */
export interface SavedCredential {
  id: string;
  type: CredentialType;
  issuer: IssuerCode;
  authenticityNumber: string;
  issuedAt: string;
  state: CredentialState;
  /** Present once its detail page was opened online. */
  claims?: Record<string, unknown>;
}

export interface SavedWallet {
  savedAt: string;
  items: SavedCredential[];
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(KEYS);
      request.result.createObjectStore(COPIES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, action: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(store, mode).objectStore(store));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

/** This device's key, or null when it has none (never made here, or wiped at sign-out). */
export async function existingDeviceKey(): Promise<DeviceKey | null> {
  try {
    return ((await run(KEYS, "readonly", (s) => s.get(DEVICE_KEY))) as DeviceKey | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The device key, made on first issuance. */
export async function deviceKey(): Promise<DeviceKey> {
  const existing = await existingDeviceKey();
  if (existing) return existing;
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const { x, y } = await crypto.subtle.exportKey("jwk", pair.publicKey);
  const key: DeviceKey = { privateKey: pair.privateKey, publicJwk: { kty: "EC", crv: "P-256", x: x!, y: y! } };
  await run(KEYS, "readwrite", (s) => s.put(key, DEVICE_KEY));
  return key;
}

const changed = () => window.dispatchEvent(new Event(WALLET_CHANGED));

export async function loadSavedWallet(): Promise<SavedWallet | null> {
  try {
    return ((await run(COPIES, "readonly", (s) => s.get("wallet"))) as SavedWallet | undefined) ?? null;
  } catch {
    return null;
  }
}

async function write(wallet: SavedWallet): Promise<void> {
  try {
    await run(COPIES, "readwrite", (s) => s.put(wallet, "wallet"));
    changed();
  } catch {
    // Storage full or disabled: the offline copy is a convenience, not a requirement.
  }
}

/** The list as loaded online; details already saved are kept for the certificates still listed. */
export async function saveWalletList(items: Omit<SavedCredential, "claims">[]): Promise<void> {
  const before = new Map((await loadSavedWallet())?.items.map((i) => [i.id, i]) ?? []);
  await write({ savedAt: new Date().toISOString(), items: items.map((i) => ({ ...i, claims: before.get(i.id)?.claims })) });
}

export async function saveWalletDetail(detail: SavedCredential): Promise<void> {
  const wallet = (await loadSavedWallet()) ?? { savedAt: new Date().toISOString(), items: [] };
  const items = wallet.items.some((i) => i.id === detail.id) ? wallet.items.map((i) => (i.id === detail.id ? detail : i)) : [detail, ...wallet.items];
  await write({ savedAt: new Date().toISOString(), items });
}

export async function forgetSavedCredential(id: string): Promise<void> {
  const wallet = await loadSavedWallet();
  if (wallet) await write({ ...wallet, items: wallet.items.filter((i) => i.id !== id) });
}

/** "Remove from this device": the saved copies go; the key stays, so the certificates can still be shared from here. */
export async function clearSavedWallet(): Promise<void> {
  try {
    await run(COPIES, "readwrite", (s) => s.clear());
  } catch {
    // nothing to clear
  }
  changed();
}
