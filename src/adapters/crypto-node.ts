import { createHmac, hkdfSync, randomFillSync, timingSafeEqual } from "node:crypto";
import { createCrypto, type Crypto } from "./crypto.js";

/** Random bytes are drawn from this many at a time (as node's randomUUID does): one native call per pool, not per token. */
const POOL_BYTES = 4_096;

/**
 * createCrypto with node:crypto's native HMAC-SHA-256 and random bytes on Node (the server and the CLI;
 * src/worker.ts keeps createCrypto, pure JS, which wrangler can bundle). Every webhook update hashes
 * its chat id and every request draws a request id: @noble's JavaScript SHA-256 and one
 * getRandomValues call per token were a visible share of an update's CPU.
 *
 * The hash is the same function on the same key (HKDF-SHA-256 of APP_SECRET, "jubao", "mac:v1"), so
 * stored hashes verify across both implementations (test/adapters/crypto-node.test.ts compares them).
 * Pool bytes are handed out once each: a token never shares bytes with another.
 */
export function createNodeCrypto(appSecret: string): Crypto {
  const portable = createCrypto(appSecret);
  const macKey = Buffer.from(hkdfSync("sha256", Buffer.from(appSecret, "utf8"), "jubao", "mac:v1", 32));
  const hash: Crypto["hash"] = (purpose, value) => createHmac("sha256", macKey).update(purpose).update("\0").update(value).digest("base64url");
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  let used = POOL_BYTES;
  const random = (bytes: number): Buffer => {
    if (bytes > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(bytes));
    if (used + bytes > POOL_BYTES) {
      randomFillSync(pool);
      used = 0;
    }
    used += bytes;
    return pool.subarray(used - bytes, used);
  };
  return {
    encrypt: portable.encrypt,
    decrypt: portable.decrypt,
    hash,
    verifyHash(purpose, value, expected) {
      const got = Buffer.from(hash(purpose, value));
      const want = Buffer.from(expected);
      // A length says nothing secret here (every hash is 43 characters); the bytes are compared in constant time.
      return got.length === want.length && timingSafeEqual(got, want);
    },
    randomToken(bytes = 24) {
      return random(bytes).toString("base64url");
    },
  };
}
