import { Secret, TOTP } from "otpauth";

/** A pending enrolment lives 15 minutes, sealed in the enrolment form itself: nothing is stored until the code is confirmed. */
export const TOTP_ENROL_TTL_MS = 15 * 60_000;

export function totpFor(username: string, secretBase32: string): TOTP {
  return new TOTP({ issuer: "jubao", label: username, secret: Secret.fromBase32(secretBase32) });
}
