import * as v from "valibot";
import { AccountCreateSchema, AccountSchema, CreatedTokenSchema, TokenCreateSchema, TokenSchema } from "../../../shared/schemas/accounts.ts";
import { defineRoute } from "../route.ts";

const tags = ["Akun dan akses"];

export const listAccounts = defineRoute({
  method: "get",
  path: "/api/v1/accounts",
  tags,
  summary: "Daftar akun di kabupaten Bappeda pemanggil",
  responses: { 200: { description: "Akun", schema: v.object({ accounts: v.array(AccountSchema) }) } },
  refusals: [401, 404],
});

export const createAccount = defineRoute({
  method: "post",
  path: "/api/v1/accounts",
  tags,
  summary: "Buat akun (Bappeda): peran dan cakupan di kabupatennya",
  request: { json: AccountCreateSchema },
  responses: { 201: { description: "Akun dibuat", schema: AccountSchema } },
  refusals: [400, 401, 403, 409, 422],
});

export const disableAccount = defineRoute({
  method: "post",
  path: "/api/v1/accounts/:id/disable",
  tags,
  summary: "Nonaktifkan akun (Bappeda); sesi akun itu ikut berakhir",
  responses: { 200: { description: "Akun nonaktif", schema: AccountSchema } },
  refusals: [401, 403, 404],
});

export const listTokens = defineRoute({
  method: "get",
  path: "/api/v1/tokens",
  tags,
  summary: "Daftar token API di kabupaten (tanpa nilai rahasianya)",
  responses: { 200: { description: "Token", schema: v.object({ tokens: v.array(TokenSchema) }) } },
  refusals: [401, 404],
});

export const createToken = defineRoute({
  method: "post",
  path: "/api/v1/tokens",
  tags,
  summary: "Buat token API; nilainya hanya ditampilkan sekali",
  request: { json: TokenCreateSchema },
  responses: { 201: { description: "Token dibuat", schema: CreatedTokenSchema } },
  refusals: [400, 401, 403, 422],
});

export const revokeToken = defineRoute({
  method: "post",
  path: "/api/v1/tokens/:id/revoke",
  tags,
  summary: "Cabut token API",
  responses: { 200: { description: "Token dicabut", schema: TokenSchema } },
  refusals: [401, 403, 404],
});
