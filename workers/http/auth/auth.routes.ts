import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { PrincipalSchema, SessionSchema } from "../../../shared/schemas/accounts.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Akun dan akses"];

export const loginRoute = describeRoute({
  tags,
  summary: "Masuk dengan nama pengguna dan kata sandi (cookie sesi + token CSRF)",
  responses: { 200: { description: "Sesi dibuat", content: jsonContent(SessionSchema) }, ...refusals(400, 401, 422, 429) },
});

export const logoutRoute = describeRoute({
  tags,
  summary: "Keluar: sesi dihapus",
  security: bearerSecurity,
  responses: { 204: { description: "Sesi dihapus" }, ...refusals(401, 403) },
});

export const meRoute = describeRoute({
  tags,
  summary: "Siapa pemanggil ini: peran dan cakupan",
  security: bearerSecurity,
  responses: { 200: { description: "Pemanggil", content: jsonContent(v.object({ principal: PrincipalSchema })) }, ...refusals(401) },
});
