/** Password hashing: argon2id (m=19456 KiB, t=2, p=1) in PHC strings, identical on Node and Workers. */
import { argon2idAsync } from "@noble/hashes/argon2.js";

export const ARGON2_PARAMS = { m: 19456, t: 2, p: 1, dkLen: 32 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, "");
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

interface Phc {
  m: number;
  t: number;
  p: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

/** Parses `$argon2id$v=19$m=…,t=…,p=…$salt$hash`; null for anything else. */
export function parsePhc(phc: string): Phc | null {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) return null;
  try {
    return { m: +match[1], t: +match[2], p: +match[3], salt: unb64(match[4]), hash: unb64(match[5]) };
  } catch {
    return null;
  }
}

/** The parsed hash when its parameters are within bounds: a stored hash must not be able to exhaust the runtime. */
export function acceptablePhc(phc: string): Phc | null {
  const parsed = parsePhc(phc);
  if (!parsed || parsed.m > 65536 || parsed.t > 10 || parsed.p > 4 || parsed.hash.length > 64) return null;
  return parsed;
}

function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/**
 * Pure-JavaScript argon2id (`@noble/hashes`): runs on workerd, which cannot compile WASM at runtime.
 * @example const phc = await portableHasher.hash("correct horse battery");
 */
export const portableHasher: PasswordHasher = {
  async hash(password) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const hash = await argon2idAsync(new TextEncoder().encode(password), salt, ARGON2_PARAMS);
    const { m, t, p } = ARGON2_PARAMS;
    return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(hash)}`;
  },
  async verify(phc, password) {
    const parsed = acceptablePhc(phc);
    if (!parsed) return false;
    const hash = await argon2idAsync(new TextEncoder().encode(password), parsed.salt, {
      m: parsed.m,
      t: parsed.t,
      p: parsed.p,
      dkLen: parsed.hash.length,
    });
    return equalConstantTime(hash, parsed.hash);
  },
};
