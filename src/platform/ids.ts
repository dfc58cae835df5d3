/** Prefixed opaque ids (`org_…`, `usr_…`): the prefix says the type, the rest is 128 random bits. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix =
  | "org"
  | "usr"
  | "acc"
  | "skl"
  | "ord"
  | "amd"
  | "enq"
  | "prg"
  | "bid"
  | "ctr"
  | "coh"
  | "trn"
  | "asm"
  | "alc"
  | "aud"
  | "brv"
  | "inv"
  | "awd"
  | "obj";

/**
 * A new random id with the given type prefix.
 * @example newId("org") // "org_7k2m…"
 */
export function newId(prefix: IdPrefix): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = "";
  // 5 bits per character: 128 bits -> 26 characters (Crockford-style base32, lowercase).
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return `${prefix}_${out}`;
}
