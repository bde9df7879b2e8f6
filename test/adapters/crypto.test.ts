import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from "node:crypto";
import { createCrypto, type HashPurpose } from "../../src/adapters/crypto.js";
import { createNodeCrypto } from "../../src/adapters/node-crypto.js";

/**
 * The cipher moved from node:crypto to @noble (node:crypto's createCipheriv is a throwing stub on
 * Workers). Identities already stored must still decrypt, and hashes already stored (receipt secrets,
 * channel ids) must still verify: these values were sealed by the node:crypto implementation.
 */
const FIXTURE_SECRET = "fixture-secret-made-with-node-crypto-v1";
const SEALED_BY_NODE_CRYPTO: [plain: string, hex: string][] = [
  ["", "01f6979f4dee8065f92b6ae3b7344496485d42fec09b22d3b3000a6529"],
  ["13800138000", "013f9fb6b508e89f15f99e39ace6a503bafad19f5e82a8656940624e78d543a4988b54f4c3f6e902"],
  [
    "张三 13912345678 微信 zs_2024",
    "01387675ba1de610ad8c021d962a734e4fae41f0fe2cdafe627fd7a41b60dcb88dcb6dd2e74e1e63d721fd9a5fb844c96df91f878363e00c6702c2261e05",
  ],
];
// Any label works for the algorithm; this fixture predates the closed list of purposes.
const HASH_BY_NODE_CRYPTO = { purpose: "receipt" as HashPurpose, value: "ABC-123", hash: "zSuSVbpxPotagtpUJzAt-bNRuu9TVBPWR10o2LyO4Ck" };

/** The former implementation, kept here only as the reference the new one must agree with. */
function nodeReference(appSecret: string) {
  const ikm = Buffer.from(appSecret, "utf8");
  const encKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "enc:v1", 32));
  const macKey = Buffer.from(hkdfSync("sha256", ikm, "jubao", "mac:v1", 32));
  return {
    seal(plain: string, iv: Buffer): Uint8Array {
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]));
    },
    open(sealed: Uint8Array): string {
      const buf = Buffer.from(sealed);
      const decipher = createDecipheriv("aes-256-gcm", encKey, buf.subarray(1, 13));
      decipher.setAuthTag(buf.subarray(13, 29));
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString("utf8");
    },
    hash: (purpose: string, value: string) => createHmac("sha256", macKey).update(purpose).update("\0").update(value).digest("base64url"),
  };
}

// The Worker's pure-JS adapter and the Node one must be interchangeable on the same stored values.
describe.each([
  ["pure JS (Workers)", createCrypto],
  ["node:crypto (Node)", createNodeCrypto],
])("crypto adapter, %s: same bytes as node:crypto", (_name, createCrypto) => {
  it("decrypts identities sealed by the former node:crypto implementation", () => {
    const crypto = createCrypto(FIXTURE_SECRET);
    for (const [plain, hex] of SEALED_BY_NODE_CRYPTO) expect(crypto.decrypt(Buffer.from(hex, "hex"))).toBe(plain);
  });

  it("verifies hashes made by the former implementation", () => {
    const crypto = createCrypto(FIXTURE_SECRET);
    const { purpose, value, hash } = HASH_BY_NODE_CRYPTO;
    expect(crypto.hash(purpose, value)).toBe(hash);
    expect(crypto.verifyHash(purpose, value, hash)).toBe(true);
    expect(crypto.verifyHash(purpose, "ABC-124", hash)).toBe(false);
    expect(crypto.verifyHash(purpose, value, hash.slice(1))).toBe(false);
  });

  it("agrees with node:crypto both ways on any text and secret", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ unit: "binary" }),
        fc.string(),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        (secret, plain, purpose, iv) => {
          const ours = createCrypto(secret);
          const ref = nodeReference(secret);
          // Lone surrogates become U+FFFD in UTF-8 on both sides; compare what UTF-8 can carry.
          const expected = Buffer.from(plain, "utf8").toString("utf8");
          expect(ours.decrypt(ref.seal(plain, Buffer.from(iv)))).toBe(expected);
          expect(ref.open(ours.encrypt(plain))).toBe(expected);
          expect(ours.hash(purpose as HashPurpose, plain)).toBe(ref.hash(purpose, plain));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a tampered ciphertext, an unknown version and a truncated value", () => {
    const crypto = createCrypto(FIXTURE_SECRET);
    const sealed = crypto.encrypt("13800138000");
    const tampered = sealed.slice();
    tampered[tampered.length - 1] ^= 1;
    expect(() => crypto.decrypt(tampered)).toThrow();
    expect(() => crypto.decrypt(Uint8Array.of(2, ...sealed.subarray(1)))).toThrow(/version/);
    expect(() => crypto.decrypt(sealed.subarray(0, 20))).toThrow();
    expect(() => createCrypto("another-secret").decrypt(sealed)).toThrow();
  });

  it("makes fresh IVs and URL-safe random tokens", () => {
    const crypto = createCrypto(FIXTURE_SECRET);
    expect(Buffer.from(crypto.encrypt("x")).equals(Buffer.from(crypto.encrypt("x")))).toBe(false);
    const token = crypto.randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(crypto.randomToken(9)).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});

describe("the two crypto adapters", () => {
  it("open each other's values and make the same hashes", () => {
    const js = createCrypto(FIXTURE_SECRET);
    const node = createNodeCrypto(FIXTURE_SECRET);
    for (const plain of ["", "13800138000", "张三 13912345678"]) {
      expect(node.decrypt(js.encrypt(plain))).toBe(plain);
      expect(js.decrypt(node.encrypt(plain))).toBe(plain);
      expect(node.hash("receipt-secret", plain)).toBe(js.hash("receipt-secret", plain));
    }
    // A value read back from the database is often a view into a larger buffer.
    const sealed = node.encrypt("view");
    const padded = new Uint8Array(sealed.length + 7);
    padded.set(sealed, 3);
    expect(node.decrypt(padded.subarray(3, 3 + sealed.length))).toBe("view");
  });

  it("draws tokens of the asked length that never repeat, across pool refills and past the pool's size", () => {
    const node = createNodeCrypto("secret-for-tokens");
    const seen = new Set<string>();
    // 6-byte request ids and 24-byte secrets, interleaved, well past several 4 KB pools.
    for (let i = 0; i < 5_000; i++) {
      const bytes = i % 3 === 0 ? 24 : 6;
      const token = node.randomToken(bytes);
      expect(Buffer.from(token, "base64url").length).toBe(bytes);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      seen.add(token);
    }
    expect(seen.size).toBe(5_000);
    expect(Buffer.from(node.randomToken(), "base64url").length).toBe(24);
    const big = node.randomToken(10_000);
    expect(Buffer.from(big, "base64url").length).toBe(10_000);
    expect(new Set(Buffer.from(big, "base64url")).size).toBeGreaterThan(200);
  });
});
