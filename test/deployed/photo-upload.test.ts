import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { DB_KINDS } from "../support/db.js";
import { serviceDb, startService } from "../support/service.js";
import { storedOccurrences } from "./stored-bytes.js";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { ServiceDb } from "../support/service.js";

/** The stored attachment bodies of a stopped service's database. */
async function attachmentBodies(db: ServiceDb): Promise<Buffer[]> {
  if (db.kind === "pglite") {
    const pg = await PGlite.create({ dataDir: join(db.dataDir, "pglite") });
    try {
      const r = await pg.query<{ body: Uint8Array }>("select body from tip_attachments");
      return r.rows.map((x) => Buffer.from(x.body));
    } finally {
      await pg.close();
    }
  }
  const sql = postgres(db.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return (await sql<{ body: Buffer }[]>`select body from tip_attachments`).map((x) => Buffer.from(x.body));
  } finally {
    await sql.end();
  }
}

/**
 * `npm start` loads sharp only when the first photo arrives (start-up and idle RSS without libvips):
 * the real server still strips a photo's metadata, on the first photo and on a later one.
 */
describe.each(DB_KINDS)("photo upload through npm start on %s", (kind) => {
  it("the first and a second photo are stored without their EXIF; a broken one is refused as unreadable", async () => {
    const db = await serviceDb(kind);
    try {
      const svc = await startService(db.env);
      const photo = (make: string) =>
        sharp({ create: { width: 40, height: 30, channels: 3, background: "#36c" } })
          .jpeg()
          .withExif({ IFD0: { Make: make }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 49/1 0/1" } })
          .toBuffer();
      const send = async (body: Uint8Array<ArrayBuffer>, name: string) => {
        const form = new FormData();
        form.set("text", "商场把消防通道和安全出口堵死了，晚上还锁门");
        form.append("attachments", new File([body], name, { type: "image/jpeg" }));
        return fetch(`${svc.url}/api/v1/tips`, { method: "POST", body: form });
      };
      const makes = ["LeakyPhoneOne", "LeakyPhoneTwo"];
      for (const [i, make] of makes.entries()) expect((await send(new Uint8Array(await photo(make)), `IMG_000${i}.jpg`)).status).toBe(201);
      // A JPEG header with nothing decodable after it: sharp itself refuses it (not a load failure).
      const broken = await send(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]), "broken.jpg");
      expect(broken.status).toBe(400);
      expect((await broken.json()).fields).toEqual([{ path: "attachments", code: "unreadable", file: "broken.jpg" }]);
      await svc.stop();
      expect(svc.output()).not.toContain("request failed");
      expect(await storedOccurrences(db, makes, ["tip_attachments"])).toEqual([]);
      // The photos themselves were stored: two attachment rows, JPEGs, decodable, without EXIF.
      const bodies = await attachmentBodies(db);
      expect(bodies).toHaveLength(2);
      for (const b of bodies) expect((await sharp(b).metadata()).exif).toBeUndefined();
    } finally {
      await db.drop();
    }
  }, 240_000);
});
