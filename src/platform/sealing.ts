/** AES-256-GCM sealing of small JSON documents with WebCrypto (the same code on Node and Workers), keyed for rotation. */
import type { Config } from "../config";
import { AppError } from "./errors";

/** A sealed document: the id of the key that sealed it and `base64(iv ‖ ciphertext ‖ tag)`. */
export interface SealedValue {
  keyId: string;
  ciphertext: string;
}

/** The keys a sealer holds: `current` seals and opens; each of `previous` only opens (key rotation). */
export interface SealingKeys {
  current: string;
  previous?: readonly string[];
}

export interface Sealer {
  /** The id of the key that new seals use. */
  readonly keyId: string;
  /** Encrypts `value` (as JSON), bound to `context` (e.g. the bid's id) so a ciphertext cannot be moved. */
  seal(value: unknown, context: string): Promise<SealedValue>;
  /** Decrypts and authenticates; throws if the key is unknown, the context differs or the data was altered. */
  open<T>(sealed: SealedValue, context: string): Promise<T>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;

function fromBase64(text: string): Uint8Array {
  const binary = atob(text.trim());
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Whether `text` is a base64-encoded 32-byte key. */
export function isSealingKey(text: string): boolean {
  try {
    return fromBase64(text).length === KEY_BYTES;
  } catch {
    return false;
  }
}

/**
 * A new random 32-byte key, base64-encoded (what `openssl rand -base64 32` prints).
 * @example const key = generateSealingKey(); // "q3Vt…="
 */
export function generateSealingKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/** A key's public id: the first 6 bytes of its SHA-256, in hex. It names the key without revealing it. */
async function keyIdOf(raw: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function buildSealer(keys: SealingKeys): Promise<Sealer> {
  const byId = new Map<string, CryptoKey>();
  let currentId = "";
  for (const [i, text] of [keys.current, ...(keys.previous ?? [])].entries()) {
    const raw = fromBase64(text);
    if (raw.length !== KEY_BYTES) throw new Error("A sealing key must be 32 bytes, base64-encoded");
    const id = await keyIdOf(raw);
    if (i === 0) currentId = id;
    if (!byId.has(id))
      byId.set(id, await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  }
  const current = byId.get(currentId)!;
  return {
    keyId: currentId,
    async seal(value, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const plain = encoder.encode(JSON.stringify(value));
      const additionalData = encoder.encode(context);
      const sealed = new Uint8Array(
        await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, current, plain),
      );
      const out = new Uint8Array(IV_BYTES + sealed.length);
      out.set(iv);
      out.set(sealed, IV_BYTES);
      return { keyId: currentId, ciphertext: toBase64(out) };
    },
    async open<T>(sealed: SealedValue, context: string): Promise<T> {
      const key = byId.get(sealed.keyId);
      if (!key) {
        throw new Error(
          `Data sealed with key ${sealed.keyId}, which is neither BID_SEALING_KEY nor in BID_SEALING_PREVIOUS_KEYS`,
        );
      }
      const bytes = fromBase64(sealed.ciphertext);
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(context) },
        key,
        bytes.slice(IV_BYTES),
      );
      return JSON.parse(decoder.decode(plain)) as T;
    },
  };
}

// Importing keys is asynchronous in WebCrypto; each distinct key set is imported once per isolate or process.
const sealers = new Map<string, Promise<Sealer>>();

/**
 * The sealer for a key set (built once, then shared).
 * @example const sealer = await sealerFor({ current: key, previous: [oldKey] });
 *   const sealed = await sealer.seal({ pricePerTraineeFen: 1_200_000 }, "bid:bid_…");
 */
export function sealerFor(keys: SealingKeys): Promise<Sealer> {
  const cacheKey = [keys.current, ...(keys.previous ?? [])].join(",");
  let sealer = sealers.get(cacheKey);
  if (!sealer) {
    sealer = buildSealer(keys);
    sealers.set(cacheKey, sealer);
    sealer.catch(() => sealers.delete(cacheKey));
  }
  return sealer;
}

/**
 * The deployment's bid sealer, from the configuration a scope carries (`BID_SEALING_KEY`, and
 * `BID_SEALING_PREVIOUS_KEYS` for rotation); 503 when none is configured.
 * @example const sealer = await sealerOf(scope.config);
 */
export function sealerOf(
  config: Pick<Config, "BID_SEALING_KEY" | "BID_SEALING_PREVIOUS_KEYS">,
): Promise<Sealer> {
  if (!config.BID_SEALING_KEY) {
    throw new AppError(
      "unavailable",
      "No BID_SEALING_KEY is configured, so bids can be neither sealed nor opened",
    );
  }
  return sealerFor({ current: config.BID_SEALING_KEY, previous: config.BID_SEALING_PREVIOUS_KEYS });
}
