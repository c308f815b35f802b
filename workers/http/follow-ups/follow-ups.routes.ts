import { FollowUpCreateSchema, FollowUpListQuerySchema, FollowUpUpdateSchema } from "../../../shared/schemas/forums.ts";
import { defineRoute } from "../route.ts";

const tags = ["Forum lintas perangkat daerah"];

export const addFollowUp = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/follow-ups",
  tags,
  summary: "Tambah rencana tindak lanjut",
  request: { json: FollowUpCreateSchema },
  responses: { 201: { description: "Forum dengan agenda, peserta dan tindak lanjut" } },
  refusals: [401, 403, 404, 422],
});

export const updateFollowUp = defineRoute({
  method: "patch",
  path: "/api/v1/follow-ups/:id",
  tags,
  summary: "Perbarui status dan catatan kemajuan tindak lanjut (OPD pemilik)",
  request: { json: FollowUpUpdateSchema },
  responses: { 200: { description: "Tindak lanjut" } },
  refusals: [401, 403, 404, 409, 422],
});

export const listFollowUps = defineRoute({
  method: "get",
  path: "/api/v1/follow-ups",
  tags,
  summary: "Tindak lanjut per OPD; overdue=1 untuk yang lewat tenggat",
  request: { query: FollowUpListQuerySchema },
  responses: { 200: { description: "Tindak lanjut" } },
  refusals: [401, 403],
});
