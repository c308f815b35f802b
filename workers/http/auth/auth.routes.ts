import * as v from "valibot";
import { LoginSchema, PrincipalSchema, SessionSchema } from "../../../shared/schemas/accounts.ts";
import { BODY_LIMITS } from "../middleware/body-limit.ts";
import { defineRoute } from "../route.ts";

const tags = ["Akun dan akses"];

export const login = defineRoute({
  method: "post",
  path: "/api/v1/auth/login",
  tags,
  summary: "Masuk dengan nama pengguna dan kata sandi (cookie sesi + token CSRF)",
  access: "public",
  request: { json: LoginSchema, maxBytes: BODY_LIMITS.signIn },
  responses: { 200: { description: "Sesi dibuat", schema: SessionSchema } },
  refusals: [400, 401, 422, 429],
});

export const logout = defineRoute({ method: "post", path: "/api/v1/auth/logout", tags, summary: "Keluar: sesi dihapus", responses: { 204: { description: "Sesi dihapus" } }, refusals: [401, 403] });

export const me = defineRoute({
  method: "get",
  path: "/api/v1/auth/me",
  tags,
  summary: "Siapa pemanggil ini: peran dan cakupan",
  responses: { 200: { description: "Pemanggil", schema: v.object({ principal: PrincipalSchema }) } },
  refusals: [401],
});
