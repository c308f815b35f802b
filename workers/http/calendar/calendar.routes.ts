import { CalendarExtensionSchema, CalendarInputSchema, CalendarQuerySchema, CalendarSchema } from "../../../shared/schemas/imports.ts";
import { defineRoute } from "../route.ts";

const tags = ["Jadwal tahapan"];

export const readCalendar = defineRoute({
  method: "get",
  path: "/api/v1/calendar",
  tags,
  summary: "Jadwal tahapan tahun rencana: jendela tiap tahap (hari setempat, termasuk tanggal tutup)",
  request: { query: CalendarQuerySchema },
  responses: { 200: { description: "Jadwal", schema: CalendarSchema } },
  refusals: [401, 403, 422],
});

export const setCalendar = defineRoute({
  method: "put",
  path: "/api/v1/calendar",
  tags,
  summary: "Tetapkan jadwal tahapan satu tahun (Bappeda); di luar jendelanya tindakan tahap itu ditolak (409 stage_closed)",
  request: { json: CalendarInputSchema },
  responses: { 200: { description: "Jadwal", schema: CalendarSchema } },
  refusals: [400, 401, 403, 422],
});

export const extendCalendarWindow = defineRoute({
  method: "post",
  path: "/api/v1/calendar/extensions",
  tags,
  summary: "Perpanjang jendela satu tahap dengan alasan (Bappeda; tercatat di jejak audit)",
  request: { json: CalendarExtensionSchema },
  responses: { 200: { description: "Jadwal", schema: CalendarSchema } },
  refusals: [400, 401, 403, 404, 409, 422],
});
