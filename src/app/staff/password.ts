import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

/**
 * scrypt at N=2^17, r=8, p=1 (OWASP's recommended minimum). That needs 128 MiB, above Node's default
 * maxmem of 32 MiB, so maxmem is raised; the async form keeps the event loop free (~0.5 s a hash).
 * The stored form carries its parameters so they can be raised later without breaking old hashes.
 */
const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 256 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${Math.log2(N)}$${R}$${P}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), 2 ** Number(logN), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password: unknown usernames cost the same time as known ones. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString("base64url"));
  return decoy;
}

const COMMON = ["password", "12345678", "123456789", "qwertyui", "11111111", "88888888", "admin123", "iloveyou", "abcd1234", "a1234567"];

/** Why a password is refused, or null. Length matters most (NIST SP 800-63B): at least 12 characters. */
export function passwordWeakness(password: string, username = ""): "too_short" | "too_long" | "too_common" | "contains_username" | "too_uniform" | null {
  if ([...password].length < 12) return "too_short";
  if (password.length > 200) return "too_long";
  const lower = password.toLowerCase();
  if (COMMON.some((c) => lower.includes(c))) return "too_common";
  if (username && lower.includes(username.toLowerCase())) return "contains_username";
  if (new Set(password).size < 6) return "too_uniform";
  return null;
}
