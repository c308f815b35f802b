/** Small builders so route definitions read as what they promise: body in, JSON out, these refusals. */
import { resolver } from "hono-openapi";
import type { GenericSchema } from "valibot";
import { ErrorSchema } from "../../shared/schemas/errors.ts";

export const jsonContent = (schema: GenericSchema) => ({ "application/json": { schema: resolver(schema) } });

const REFUSALS = {
  400: "Permintaan rusak (JSON tidak sah)",
  401: "Belum masuk atau token tidak sah",
  403: "Di luar wewenang pemanggil",
  404: "Tidak ditemukan (atau di luar cakupan pemanggil)",
  409: "Bertentangan dengan keadaan saat ini",
  413: "Terlalu besar",
  415: "Jenis berkas tidak didukung",
  422: "Isian tidak sah, satu entri per isian",
  429: "Terlalu banyak percobaan",
} as const;

export function refusals(...codes: (keyof typeof REFUSALS)[]) {
  return Object.fromEntries(codes.map((code) => [code, { description: REFUSALS[code], content: jsonContent(ErrorSchema) }]));
}

export const bearerSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
