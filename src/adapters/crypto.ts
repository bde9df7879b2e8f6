import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Secrets derived from APP_SECRET: one key for AES-256-GCM encryption of reporter and liaison
 * identities, one for keyed hashes (receipt secrets, channel identities used for linking and rate limits).
 * Separate keys so that a leak of hashes says nothing about the encryption key.
 */
export interface Crypto {
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
  /** Keyed hash with a purpose label, so a hash made for one purpose never matches another's. */
  hash(purpose: string, value: string): string;
  verifyHash(purpose: string, value: string, expected: string): boolean;
  randomToken(bytes?: number): string;
}

const VERSION = 1;

export function createCrypto(appSecret: string): Crypto {
  const ikm = Buffer.from(appSecret, "utf8");
  const encKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "enc:v1", 32));
  const macKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "mac:v1", 32));
  const hash = (purpose: string, value: string) => createHmac("sha256", macKey).update(purpose).update("\0").update(value).digest("base64url");
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]));
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed);
      if (buf[0] !== VERSION) throw new Error("unknown ciphertext version");
      const decipher = createDecipheriv("aes-256-gcm", encKey, buf.subarray(1, 13));
      decipher.setAuthTag(buf.subarray(13, 29));
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
    },
    hash,
    verifyHash(purpose, value, expected) {
      const a = Buffer.from(hash(purpose, value));
      const b = Buffer.from(expected);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    randomToken(bytes = 24) {
      return randomBytes(bytes).toString("base64url");
    },
  };
}
