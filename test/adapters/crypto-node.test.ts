import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCrypto, type HashPurpose } from "../../src/adapters/crypto.js";
import { createNodeCrypto } from "../../src/adapters/crypto-node.js";

/**
 * The server hashes with node:crypto, the Worker with @noble: a hash stored by one must verify on the
 * other (a receipt filed through the Worker checked on the server, a chat's language found by either).
 */
describe("Node-native crypto (the server's) against the portable one (the Worker's)", () => {
  it("makes the same keyed hash for any purpose, value and secret, and each verifies the other's", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string({ unit: "binary" }), (secret, purpose, value) => {
        const node = createNodeCrypto(secret);
        const portable = createCrypto(secret);
        const p = purpose as HashPurpose;
        const hash = portable.hash(p, value);
        expect(node.hash(p, value)).toBe(hash);
        expect(node.verifyHash(p, value, hash)).toBe(true);
        expect(portable.verifyHash(p, value, node.hash(p, value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a wrong value, a truncated hash and another purpose's hash", () => {
    const node = createNodeCrypto("secret-for-refusals");
    const hash = node.hash("tg-chat", "10000001");
    expect(node.verifyHash("tg-chat", "10000002", hash)).toBe(false);
    expect(node.verifyHash("tg-chat", "10000001", hash.slice(1))).toBe(false);
    expect(node.verifyHash("tg-chat", "10000001", "")).toBe(false);
    expect(node.verifyHash("sms-phone", "10000001", hash)).toBe(false);
  });

  it("seals and opens across both (the cipher is the portable one)", () => {
    const node = createNodeCrypto("secret-for-sealing");
    const portable = createCrypto("secret-for-sealing");
    expect(portable.decrypt(node.encrypt("张三 13912345678"))).toBe("张三 13912345678");
    expect(node.decrypt(portable.encrypt("13800138000"))).toBe("13800138000");
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
