import type { Api } from "grammy";
import type { Deps } from "../../../src/app/deps.js";

/** Telegram lets bots download files of at most 20 MB. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

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
