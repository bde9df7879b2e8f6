import type { Api } from "grammy";
import type { Deps } from "../../../src/app/deps.js";
import type { FileRef } from "./state.js";

/** Telegram lets bots download files of at most 20 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

export interface CleanAttachment {
  fileName?: string;
  mimeType: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Fetch a file the reporter sent and pass it through the media sanitiser (type sniffed from the bytes,
 * EXIF/GPS stripped from images). null when it cannot be fetched or is refused: the caller tells the
 * reporter how many files were left out rather than failing the whole tip.
 */
export async function fetchCleanFile(deps: Pick<Deps, "config" | "media">, api: Api, file: FileRef): Promise<CleanAttachment | null> {
  const body = await downloadTelegramFile(deps, api, file.fileId).catch(() => null);
  if (!body) return null;
  const clean = await deps.media.sanitize({ body, mimeType: file.mimeType, fileName: file.fileName });
  return clean.ok ? { fileName: file.fileName, mimeType: clean.mimeType, body: clean.body as Uint8Array<ArrayBuffer> } : null;
}

/** getFile, then the download URL on the same Bot API server the bot talks to (TELEGRAM_API_ROOT), so a self-hosted server or a test fake serves it too. */
export async function downloadTelegramFile(deps: Pick<Deps, "config">, api: Api, fileId: string): Promise<Uint8Array> {
  const info = await api.getFile(fileId);
  if (!info.file_path || (info.file_size ?? 0) > MAX_DOWNLOAD_BYTES) throw new Error("file not downloadable");
  const root = deps.config.TELEGRAM_API_ROOT.replace(/\/+$/, "");
  const res = await fetch(`${root}/file/bot${api.token}/${info.file_path}`, { signal: AbortSignal.timeout(20_000) });
  if (!res.ok) throw new Error(`download failed: ${res.status}`);
  const body = new Uint8Array(await res.arrayBuffer());
  if (body.byteLength > MAX_DOWNLOAD_BYTES) throw new Error("file too large");
  return body;
}
