import { gcm } from "@noble/ciphers/aes.js";
import { bytesToUtf8, equalBytes, randomBytes, utf8ToBytes } from "@noble/ciphers/utils.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";

/**
 * Secrets derived from APP_SECRET: one key for AES-256-GCM encryption of reporter and liaison
 * identities, one for keyed hashes (receipt secrets, channel identities used for linking and rate limits).
 * Separate keys so that a leak of hashes says nothing about the encryption key.
 *
 * Pure JavaScript (@noble) rather than node:crypto: wrangler 3.114 bundles `createCipheriv` as a stub
 * that throws, and WebCrypto is asynchronous. The keys, the hash output and the ciphertext layout
 * (version byte, 12-byte IV, 16-byte tag, body) are exactly those node:crypto produced, so values
 * stored before the switch still decrypt and verify (test/adapters/crypto.test.ts holds such values).
 */
/**
 * Every purpose a keyed hash is made for, closed: a typo in a purpose would otherwise silently make a
 * hash that never matches (a receipt that never verifies, a chat that never finds its liaison row).
 * Changing a purpose's string orphans every stored hash of it.
 */
export type HashPurpose =
  | "receipt-secret"
  | "idempotency-key"
  | "idempotency-body"
  | "web-form"
  | "tg-webhook"
  | "tg-chat"
  | "staff-session"
  | "sms-phone"
  | "login-client"
  | "login-account"
  | "intake-client"
  | "liaison-invite"
  | "liaison-phone"
  | "desk-link"
  | "staff-password-reset"
  | "open311-request"
  | "open311-key"
  | "open311-client"
  | `reporter:${string}`
  | `outbox:${string}`
  | `conversation:${string}:${string}`;

export interface Crypto {
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
  /** Keyed hash with a purpose label, so a hash made for one purpose never matches another's. */
  hash(purpose: HashPurpose, value: string): string;
  verifyHash(purpose: HashPurpose, value: string, expected: string): boolean;
  randomToken(bytes?: number): string;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export function createCrypto(appSecret: string): Crypto {
  const ikm = utf8ToBytes(appSecret);
  const salt = utf8ToBytes("jubao");
  const encKey = hkdf(sha256, ikm, salt, utf8ToBytes("enc:v1"), 32);
  const macKey = hkdf(sha256, ikm, salt, utf8ToBytes("mac:v1"), 32);
  const hash = (purpose: HashPurpose, value: string) =>
    base64url(
      hmac
        .create(sha256, macKey)
        .update(utf8ToBytes(purpose))
        .update(new Uint8Array([0]))
        .update(utf8ToBytes(value))
        .digest(),
    );
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      // noble appends the tag to the body; the stored layout puts it before the body.
      const sealed = gcm(encKey, iv).encrypt(utf8ToBytes(plain));
      const body = sealed.subarray(0, sealed.length - TAG_BYTES);
      const out = new Uint8Array(HEADER_BYTES + body.length);
      out[0] = VERSION;
      out.set(iv, 1);
      out.set(sealed.subarray(sealed.length - TAG_BYTES), 1 + IV_BYTES);
      out.set(body, HEADER_BYTES);
      return out;
    },
    decrypt(sealed) {
      if (sealed.length < HEADER_BYTES || sealed[0] !== VERSION) throw new Error("unknown ciphertext version");
      const joined = new Uint8Array(sealed.length - 1 - IV_BYTES);
      joined.set(sealed.subarray(HEADER_BYTES));
      joined.set(sealed.subarray(1 + IV_BYTES, HEADER_BYTES), sealed.length - HEADER_BYTES);
      return bytesToUtf8(gcm(encKey, sealed.slice(1, 1 + IV_BYTES)).decrypt(joined));
    },
    hash,
    verifyHash(purpose, value, expected) {
      // equalBytes compares in constant time for equal lengths; a length says nothing secret here.
      return equalBytes(utf8ToBytes(hash(purpose, value)), utf8ToBytes(expected));
    },
    randomToken(bytes = 24) {
      return base64url(randomBytes(bytes));
    },
  };
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
