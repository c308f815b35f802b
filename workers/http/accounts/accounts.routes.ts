import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { AccountSchema, CreatedTokenSchema, TokenSchema } from "../../../shared/schemas/accounts.ts";
import { bearerSecurity, jsonContent, refusals } from "../openapi-helpers.ts";

const tags = ["Akun dan akses"];
const security = bearerSecurity;

export const listAccountsRoute = describeRoute({
  tags,
  security,
  summary: "Daftar akun di kabupaten Bappeda pemanggil",
  responses: { 200: { description: "Akun", content: jsonContent(v.object({ accounts: v.array(AccountSchema) })) }, ...refusals(401, 404) },
});

export const createAccountRoute = describeRoute({
  tags,
  security,
  summary: "Buat akun (Bappeda): peran dan cakupan di kabupatennya",
  responses: { 201: { description: "Akun dibuat", content: jsonContent(AccountSchema) }, ...refusals(400, 401, 403, 409, 422) },
});

export const disableAccountRoute = describeRoute({
  tags,
  security,
  summary: "Nonaktifkan akun (Bappeda); sesi akun itu ikut berakhir",
  responses: { 200: { description: "Akun nonaktif", content: jsonContent(AccountSchema) }, ...refusals(401, 403, 404) },
});

export const listTokensRoute = describeRoute({
  tags,
  security,
  summary: "Daftar token API di kabupaten (tanpa nilai rahasianya)",
  responses: { 200: { description: "Token", content: jsonContent(v.object({ tokens: v.array(TokenSchema) })) }, ...refusals(401, 404) },
});

export const createTokenRoute = describeRoute({
  tags,
  security,
  summary: "Buat token API; nilainya hanya ditampilkan sekali",
  responses: { 201: { description: "Token dibuat", content: jsonContent(CreatedTokenSchema) }, ...refusals(400, 401, 403, 422) },
});

export const revokeTokenRoute = describeRoute({
  tags,
  security,
  summary: "Cabut token API",
  responses: { 200: { description: "Token dicabut", content: jsonContent(TokenSchema) }, ...refusals(401, 403, 404) },
});
