/** Shapes of sign-in, accounts and API tokens: one schema each for API, forms, OpenAPI and tests. */
import * as v from "valibot";
import { wellFormed } from "./text.ts";
import { ROLE_NAMES } from "../access/roles.ts";

export const LoginSchema = v.object({
  username: v.pipe(v.string(), wellFormed, v.trim(), v.nonEmpty(), v.maxLength(64)),
  password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
});
export type Login = v.InferOutput<typeof LoginSchema>;

const PEOPLE_ROLES = ROLE_NAMES.filter((role) => role !== "integration");

export const AccountCreateSchema = v.object({
  username: v.pipe(v.string(), wellFormed, v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9._-]{3,64}$/, "username_format")),
  displayName: v.pipe(v.string(), wellFormed, v.trim(), v.minLength(3), v.maxLength(120)),
  password: v.pipe(v.string(), v.minLength(10, "password_weak"), v.maxLength(256)),
  role: v.picklist(PEOPLE_ROLES),
  /** Village code, district code, agency id or regency code, by role. */
  scopeCode: v.pipe(v.string(), wellFormed, v.trim(), v.nonEmpty(), v.maxLength(64)),
});
export type AccountCreate = v.InferOutput<typeof AccountCreateSchema>;

export const AccountSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  role: v.picklist(ROLE_NAMES),
  regencyCode: v.string(),
  scopeCode: v.string(),
  active: v.boolean(),
  createdAt: v.string(),
});

export const TokenCreateSchema = v.object({
  name: v.pipe(v.string(), wellFormed, v.trim(), v.minLength(3), v.maxLength(120)),
  role: v.picklist(ROLE_NAMES),
  scopeCode: v.pipe(v.string(), wellFormed, v.trim(), v.nonEmpty(), v.maxLength(64)),
  expiresInDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(730)), 365),
});
export type TokenCreate = v.InferOutput<typeof TokenCreateSchema>;

export const TokenSchema = v.object({
  id: v.string(),
  name: v.string(),
  role: v.picklist(ROLE_NAMES),
  regencyCode: v.string(),
  scopeCode: v.string(),
  createdAt: v.string(),
  expiresAt: v.string(),
  revokedAt: v.nullable(v.string()),
  lastUsedAt: v.nullable(v.string()),
});

/** Only the creation response carries the secret, once. */
export const CreatedTokenSchema = v.object({ ...TokenSchema.entries, token: v.string() });

export const PrincipalSchema = v.object({
  kind: v.picklist(["account", "token"]),
  id: v.string(),
  name: v.string(),
  role: v.picklist(ROLE_NAMES),
  regencyCode: v.string(),
  scopeCode: v.string(),
});

export const SessionSchema = v.object({ principal: PrincipalSchema, csrfToken: v.string() });
