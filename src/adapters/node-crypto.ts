import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync, timingSafeEqual } from "node:crypto";
import type { Crypto } from "./crypto.js";

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
/** Random tokens are drawn from this many bytes at a time (as node's randomUUID does): one native call per pool, not per request id. */
const POOL_BYTES = 4_096;

/**
 * The Crypto adapter on Node: the same keys, hashes and ciphertext layout as createCrypto (@noble, kept
 * for Workers, where wrangler's createCipheriv is a throwing stub), computed natively — on the tip path
 * the pure-JS AES-GCM, HMAC and random bytes cost a few per cent of a request's CPU. Values sealed or
 * hashed by either decrypt and verify with the other (test/adapters/crypto.test.ts runs both).
 */
export function createNodeCrypto(appSecret: string): Crypto {
  const ikm = Buffer.from(appSecret, "utf8");
  const encKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "enc:v1", 32));
  const macKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "mac:v1", 32));
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  let used = POOL_BYTES;
  // Each pool byte is handed out once: a token never shares bytes with another.
  const tokenBytes = (bytes: number): Buffer => {
    if (bytes > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(bytes));
    if (used + bytes > POOL_BYTES) {
      randomFillSync(pool);
      used = 0;
    }
    used += bytes;
    return pool.subarray(used - bytes, used);
  };
  const hash = (purpose: string, value: string) => createHmac("sha256", macKey).update(purpose).update("\0").update(value).digest("base64url");
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]));
    },
    decrypt(sealed) {
      if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new Error("unknown ciphertext version");
      const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      const decipher = createDecipheriv("aes-256-gcm", encKey, buf.subarray(1, 1 + IV_BYTES));
      decipher.setAuthTag(buf.subarray(1 + IV_BYTES, HEADER_BYTES));
      return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES)), decipher.final()]).toString("utf8");
    },
    hash,
    verifyHash(purpose, value, expected) {
      const a = Buffer.from(hash(purpose, value));
      const b = Buffer.from(expected);
      // timingSafeEqual needs equal lengths; a length says nothing secret here.
      return a.length === b.length && timingSafeEqual(a, b);
    },
    randomToken(bytes = 24) {
      return tokenBytes(bytes).toString("base64url");
    },
  };
}
