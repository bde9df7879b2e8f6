import { staffUsers } from "../../db/schema.js";
import type { Deps } from "../deps.js";

/** Whether any staff account exists: the login page explains how to make the first one when none does. */
export async function staffExists(deps: Deps): Promise<boolean> {
  const rows = await deps.db.select({ id: staffUsers.id }).from(staffUsers).limit(1);
  return rows.length > 0;
}
