/**
 * Capabilities of the outside world that use cases need, as interfaces. Adapters in src/adapters
 * implement them; main.ts / worker.ts choose which from config; tests use the real adapters pointed at
 * local fakes (a fake Bot API, a local SMS server).
 */

/** Strips metadata (EXIF, GPS, XMP) from images and checks type and size before anything is stored. */
export interface MediaSanitizer {
  sanitize(input: {
    body: Uint8Array;
    mimeType: string;
    fileName?: string;
  }): Promise<{ ok: true; body: Uint8Array; mimeType: string } | { ok: false; reason: "too_large" | "unsupported_type" | "unreadable" }>;
}

export type SendResult = { ok: true; providerId?: string } | { ok: false; retryable: boolean; retryAfterSeconds?: number; error: string };

export interface SmsSender {
  readonly name: "log" | "twilio" | "generic";
  send(to: string, text: string): Promise<SendResult>;
}

export interface TelegramSender {
  send(chatId: string, payload: { text: string; replyMarkup?: unknown }): Promise<SendResult>;
}
