import { Hono } from "hono";
import type { AppEnv } from "../context.ts";
import { getHealth } from "./health.handlers.ts";
import { getHealthRoute } from "./health.routes.ts";

export const healthRoutes = new Hono<AppEnv>().get("/health", getHealthRoute, getHealth);
