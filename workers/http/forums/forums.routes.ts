import { describeRoute, resolver } from "hono-openapi";
import * as v from "valibot";
import { AgendaAddSchema, AttendeeSchema, EnvelopeSetSchema, FollowUpCreateSchema, FollowUpUpdateSchema, ForumCreateSchema, ForumDecisionSchema } from "../../../shared/schemas/forums.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Forum lintas perangkat daerah"];
const security = bearerSecurity;
const body = (schema: v.GenericSchema) => ({ required: true, content: { "application/json": { schema: resolver(schema) } } });
const forumJson = { description: "Forum dengan agenda, peserta dan tindak lanjut" };

export const createForumRoute = describeRoute({ tags, security, summary: "Buat forum; agenda disusun dari klaster tumpang tindih yang terbuka, pagu terbesar dulu", requestBody: body(ForumCreateSchema), responses: { 201: forumJson, ...refusals(400, 401, 403, 422) } });
export const listForumsRoute = describeRoute({ tags, security, summary: "Daftar forum di kabupaten", responses: { 200: { description: "Forum" }, ...refusals(401, 403) } });
export const getForumRoute = describeRoute({ tags, security, summary: "Satu forum: agenda, keputusan, peserta, tindak lanjut", responses: { 200: forumJson, ...refusals(401, 404) } });
export const addAgendaRoute = describeRoute({ tags, security, summary: "Tambah butir agenda (usulan tertentu)", requestBody: body(AgendaAddSchema), responses: { 201: forumJson, ...refusals(401, 403, 404, 422) } });
export const dropAgendaRoute = describeRoute({ tags, security, summary: "Coret butir agenda", responses: { 200: forumJson, ...refusals(401, 403, 404) } });
export const decideAgendaRoute = describeRoute({
  tags,
  security,
  summary: "Keputusan forum atas satu butir: OPD utama, gabung, bagi tanggung jawab, tetap terpisah, atau tolak",
  requestBody: body(ForumDecisionSchema),
  responses: { 200: forumJson, ...refusals(400, 401, 403, 404, 409, 422) },
});
export const addAttendeeRoute = describeRoute({ tags, security, summary: "Catat peserta (nama, jabatan, OPD)", requestBody: body(AttendeeSchema), responses: { 201: forumJson, ...refusals(401, 403, 404, 422) } });
export const signRoute = describeRoute({ tags, security, summary: "Peserta menandatangani berita acara (waktu dicatat)", responses: { 200: forumJson, ...refusals(401, 403, 404) } });
export const addFollowUpRoute = describeRoute({ tags, security, summary: "Tambah rencana tindak lanjut", requestBody: body(FollowUpCreateSchema), responses: { 201: forumJson, ...refusals(401, 403, 404, 422) } });
export const updateFollowUpRoute = describeRoute({ tags, security, summary: "Perbarui status dan catatan kemajuan tindak lanjut (OPD pemilik)", requestBody: body(FollowUpUpdateSchema), responses: { 200: { description: "Tindak lanjut" }, ...refusals(401, 403, 404, 422) } });
export const listFollowUpsRoute = describeRoute({ tags, security, summary: "Tindak lanjut per OPD; overdue=1 untuk yang lewat tenggat", responses: { 200: { description: "Tindak lanjut" }, ...refusals(401, 403) } });
export const setEnvelopeRoute = describeRoute({ tags: ["Pagu indikatif"], security, summary: "Tetapkan pagu indikatif per OPD atau per kecamatan", requestBody: body(EnvelopeSetSchema), responses: { 200: { description: "Pagu dengan sisa ruang" }, ...refusals(401, 403, 422) } });
export const listEnvelopesRoute = describeRoute({ tags: ["Pagu indikatif"], security, summary: "Pagu tahun ini: jumlah, terpakai, sisa", responses: { 200: { description: "Pagu" }, ...refusals(401, 403, 422) } });
export const fitRoute = describeRoute({ tags: ["Pagu indikatif"], security, summary: "Muat usulan ke dalam pagu menurut prioritas; yang tidak muat beserta alasannya", responses: { 200: { description: "Terpilih dan tersisih" }, ...refusals(401, 403, 404, 422) } });
