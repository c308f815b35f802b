/** Public tracking: a proposal found by the code the village was given. */
import { eq } from "drizzle-orm";
import { TRACKING_CODE } from "../../shared/proposals/ids.ts";
import { proposals } from "../../shared/db/schema.ts";
import type { Database } from "./database.ts";

export async function findProposalByTrackingCode(db: Database, code: string) {
  if (!TRACKING_CODE.test(code)) return undefined;
  return db.query.proposals.findFirst({ where: eq(proposals.trackingCode, code) });
}
