/** Native argon2id for Node (`@node-rs/argon2`); never bundled for Workers. */
import { hash, verify } from "@node-rs/argon2";
import { ARGON2_PARAMS, acceptablePhc, type PasswordHasher } from "./password";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolated modules cannot import)

export const nativeHasher: PasswordHasher = {
  hash: (password) =>
    hash(password, {
      algorithm: ARGON2ID,
      memoryCost: ARGON2_PARAMS.m,
      timeCost: ARGON2_PARAMS.t,
      parallelism: ARGON2_PARAMS.p,
      outputLen: ARGON2_PARAMS.dkLen,
    }),
  verify: async (phc, password) => {
    if (!acceptablePhc(phc)) return false;
    try {
      return await verify(phc, password);
    } catch {
      return false; // a malformed stored hash is a failed login, not a 500
    }
  },
};
