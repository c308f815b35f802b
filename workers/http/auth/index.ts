import { Hono } from "hono";
import { LoginSchema } from "../../../shared/schemas/accounts.ts";
import type { AppEnv } from "../context.ts";
import { signInRateLimit } from "../middleware/rate-limit.ts";
import { validate } from "../validation.ts";
import { login, logout, me } from "./auth.handlers.ts";
import { loginRoute, logoutRoute, meRoute } from "./auth.routes.ts";

export const authRoutes = new Hono<AppEnv>()
  .post("/api/v1/auth/login", loginRoute, signInRateLimit, validate("json", LoginSchema), (c) => login(c, c.req.valid("json")))
  .post("/api/v1/auth/logout", logoutRoute, logout)
  .get("/api/v1/auth/me", meRoute, me);
