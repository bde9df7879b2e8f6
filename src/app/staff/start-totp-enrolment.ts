import { Secret } from "otpauth";
import type { Deps } from "../deps.js";
import type { StaffActor } from "./actor.js";
import { TOTP_ENROL_TTL_MS, totpFor } from "./totp-enrolment.js";

export interface PendingTotp {
  /** otpauth:// URI and the secret in base32, for the authenticator app: shown once. */
  uri: string;
  secret: string;
  /** The secret sealed (AES-GCM under APP_SECRET) with the account id and an expiry, for the confirming form. */
  sealed: string;
}

/** Begin enrolling an authenticator for one's own account: a fresh secret, stored nowhere yet. */
export function startTotpEnrolment(deps: Deps, actor: StaffActor): PendingTotp {
  const secret = new Secret({ size: 20 }).base32;
  const expires = deps.clock().getTime() + TOTP_ENROL_TTL_MS;
  const sealed = Buffer.from(deps.crypto.encrypt(JSON.stringify({ u: actor.id, s: secret, e: expires }))).toString("base64url");
  return { uri: totpFor(actor.username, secret).toString(), secret, sealed };
}
