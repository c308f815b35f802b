import { AgendaAddSchema, AttendeeSchema, ForumCreateSchema, ForumDecisionSchema } from "../../../shared/schemas/forums.ts";
import { defineRoute } from "../route.ts";

const tags = ["Forum lintas perangkat daerah"];
const forum = { description: "Forum dengan agenda, peserta dan tindak lanjut" };

export const createForum = defineRoute({
  method: "post",
  path: "/api/v1/forums",
  tags,
  summary: "Buat forum; agenda disusun dari klaster tumpang tindih yang terbuka, pagu terbesar dulu",
  request: { json: ForumCreateSchema },
  responses: { 201: forum },
  refusals: [400, 401, 403, 422],
});

export const listForums = defineRoute({ method: "get", path: "/api/v1/forums", tags, summary: "Daftar forum di kabupaten", responses: { 200: { description: "Forum" } }, refusals: [401, 403] });

export const getForum = defineRoute({ method: "get", path: "/api/v1/forums/:id", tags, summary: "Satu forum: agenda, keputusan, peserta, tindak lanjut", responses: { 200: forum }, refusals: [401, 404] });

export const addAgendaItem = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/agenda",
  tags,
  summary: "Tambah butir agenda (usulan tertentu)",
  request: { json: AgendaAddSchema },
  responses: { 201: forum },
  refusals: [401, 403, 404, 422],
});

export const dropAgendaItem = defineRoute({ method: "post", path: "/api/v1/forums/:id/agenda/:item/drop", tags, summary: "Coret butir agenda", responses: { 200: forum }, refusals: [401, 403, 404] });

export const decideAgendaItem = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/agenda/:item/decision",
  tags,
  summary: "Keputusan forum atas satu butir: OPD utama, gabung, bagi tanggung jawab, tetap terpisah, atau tolak",
  request: { json: ForumDecisionSchema },
  responses: { 200: forum },
  refusals: [400, 401, 403, 404, 409, 422],
});

export const addAttendee = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/attendees",
  tags,
  summary: "Catat peserta (nama, jabatan, OPD)",
  request: { json: AttendeeSchema },
  responses: { 201: forum },
  refusals: [401, 403, 404, 422],
});

export const signMinutes = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/attendees/:attendee/sign",
  tags,
  summary: "Peserta menandatangani berita acara sendiri, dengan akunnya (bukan orang lain atas namanya); sejak tanggal forum dan setelah difinalkan",
  responses: { 200: forum },
  refusals: [401, 403, 404, 409],
});

export const finaliseMinutes = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/minutes/finalise",
  tags,
  summary: "Bappeda memfinalkan berita acara setelah forum berlangsung dan semua butir diputuskan: nomor berita acara diberikan (urut per kabupaten dan tahun)",
  responses: { 200: forum },
  refusals: [401, 403, 404, 409],
});

export const createSigningLink = defineRoute({
  method: "post",
  path: "/api/v1/forums/:id/attendees/:attendee/sign-link",
  tags,
  summary: "Bappeda membuat tautan tanda tangan sekali pakai untuk satu peserta (berlaku 7 hari; hanya untuk peserta itu)",
  responses: { 201: { description: "Alamat tautan (ditampilkan sekali) dan masa berlakunya" } },
  refusals: [401, 403, 404, 409],
});

export const minutesPdf = defineRoute({
  method: "get",
  path: "/api/v1/forums/:id/minutes.pdf",
  tags,
  summary: "Berita acara sebagai PDF A4: kop surat, nomor, keputusan, tindak lanjut, tabel tanda tangan",
  responses: { 200: { description: "PDF (application/pdf)" } },
  refusals: [401, 404],
});
