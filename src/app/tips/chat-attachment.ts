import type { Deps } from "../deps.js";

/**
 * A chat transport's way to fetch a file a reporter sent, by its id there (Telegram's file_id). The
 * verbs call it outside any transaction: network time never holds a database connection.
 */
export type DownloadFile = (fileId: string) => Promise<Uint8Array>;

export interface ChatFile {
  fileId: string;
  mimeType: string;
  fileName?: string;
}

export interface CleanAttachment {
  fileName?: string;
  mimeType: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Fetch a file and pass it through the media sanitiser (type sniffed from the bytes, EXIF/GPS stripped
 * from images). null when it cannot be fetched or is refused: the caller says how many files were left
 * out rather than failing the whole tip.
 */
export async function fetchCleanAttachment(deps: Pick<Deps, "media">, download: DownloadFile, file: ChatFile): Promise<CleanAttachment | null> {
  const body = await download(file.fileId).catch(() => null);
  if (!body) return null;
  const clean = await deps.media.sanitize({ body, mimeType: file.mimeType, fileName: file.fileName });
  return clean.ok ? { fileName: file.fileName, mimeType: clean.mimeType, body: clean.body as Uint8Array<ArrayBuffer> } : null;
}
