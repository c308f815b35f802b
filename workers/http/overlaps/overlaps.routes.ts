import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import { DismissSchema, OverlapFlagSchema, RecheckSchema } from "../../../shared/schemas/overlaps.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Tumpang tindih"];
const security = bearerSecurity;
const clusters = v.array(v.object({ id: v.string(), flags: v.array(OverlapFlagSchema), pagu: v.number() }));

export const proposalOverlapsRoute = describeRoute({
  tags,
  security,
  summary: "Usulan lain yang tumpang tindih dengan usulan ini, dengan skor dan alasannya",
  responses: { 200: { description: "Tanda tumpang tindih", content: jsonContent(v.object({ flags: v.array(OverlapFlagSchema) })) }, ...refusals(401, 404) },
});

export const listOverlapsRoute = describeRoute({
  tags,
  security,
  summary: "Tanda tumpang tindih satu tahun rencana, dikelompokkan per klaster (Bappeda)",
  responses: { 200: { description: "Klaster", content: jsonContent(v.object({ clusters })) }, ...refusals(401, 403, 422) },
});

export const dismissRoute = describeRoute({
  tags,
  security,
  summary: "Abaikan tanda dengan alasan; tetap diabaikan saat diperiksa ulang",
  requestBody: { required: true, content: { "application/json": { schema: resolver(DismissSchema) } } },
  responses: { 200: { description: "Diabaikan", content: jsonContent(OverlapFlagSchema) }, ...refusals(401, 403, 404, 422) },
});

export const recheckRoute = describeRoute({
  tags,
  security,
  summary: "Periksa ulang tumpang tindih seluruh usulan satu tahun rencana (di latar belakang)",
  requestBody: { required: true, content: { "application/json": { schema: resolver(RecheckSchema) } } },
  responses: { 202: { description: "Dijadwalkan", content: jsonContent(v.object({ queued: v.number() })) }, ...refusals(401, 403, 422) },
});
