import * as v from "valibot";
import { DismissSchema, OverlapFlagSchema, OverlapListQuerySchema, RecheckSchema } from "../../../shared/schemas/overlaps.ts";
import { defineRoute } from "../route.ts";

const tags = ["Tumpang tindih"];
const clusters = v.array(v.object({ id: v.string(), flags: v.array(OverlapFlagSchema), pagu: v.number() }));

export const proposalOverlaps = defineRoute({
  method: "get",
  path: "/api/v1/proposals/:id/overlaps",
  tags,
  summary: "Usulan lain yang tumpang tindih dengan usulan ini, dengan skor dan alasannya",
  responses: { 200: { description: "Tanda tumpang tindih", schema: v.object({ flags: v.array(OverlapFlagSchema) }) } },
  refusals: [401, 404],
});

export const listOverlaps = defineRoute({
  method: "get",
  path: "/api/v1/overlaps",
  tags,
  summary: "Tanda tumpang tindih satu tahun rencana, dikelompokkan per klaster (Bappeda)",
  request: { query: OverlapListQuerySchema },
  responses: { 200: { description: "Klaster", schema: v.object({ clusters }) } },
  refusals: [401, 403, 422],
});

export const recheck = defineRoute({
  method: "post",
  path: "/api/v1/overlaps/recheck",
  tags,
  summary: "Periksa ulang tumpang tindih seluruh usulan satu tahun rencana (di latar belakang)",
  request: { json: RecheckSchema },
  responses: { 202: { description: "Dijadwalkan", schema: v.object({ queued: v.number() }) } },
  refusals: [401, 403, 422],
});

export const dismiss = defineRoute({
  method: "post",
  path: "/api/v1/overlaps/:id/dismiss",
  tags,
  summary: "Abaikan tanda dengan alasan; tetap diabaikan saat diperiksa ulang",
  request: { json: DismissSchema },
  responses: { 200: { description: "Diabaikan", schema: OverlapFlagSchema } },
  refusals: [401, 403, 404, 409, 422],
});
