/** The import pages for the village operator (a phone) and Bappeda (a PC): upload, preview, choose, save, progress. */
import { Hono } from "hono";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { requirePrincipal } from "../../usecases/access.ts";
import { Refusal } from "../../usecases/errors.ts";
import * as imports from "../../usecases/imports/imports.ts";
import { ImportPreviewPage, ImportStartPage } from "../../views/import-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { readForm } from "../form.ts";
import { readUpload } from "../imports/imports.handlers.ts";
import { language, say } from "../messages.ts";

async function start(c: AppContext, error?: string, status: 200 | 409 | 413 | 415 | 422 = 200) {
  const principal = requirePrincipal(caller(c));
  const list = await imports.listImports(deps(c), principal);
  return c.html(<ImportStartPage principal={principal} csrfToken={csrf(c)} lang={language(c)} year={planningYear(new Date())} imports={list} error={error} />, status);
}

async function preview(c: AppContext, id: string, notice: { error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const view = await imports.readImport(deps(c), caller(c), id);
  return c.html(<ImportPreviewPage principal={requirePrincipal(caller(c))} csrfToken={csrf(c)} lang={language(c)} view={view} notice={notice} />, status);
}

/** A refusal the person can act on, shown on the page they were on; others go to the error page. */
const shown = (error: unknown) => error instanceof Refusal && error.status !== 401 && error.status !== 403 && error.status !== 404;

export const importPages = new Hono<AppEnv>()
  .get("/impor", (c) => start(c))
  .post("/impor", async (c) => {
    try {
      const { view } = await imports.uploadImport(deps(c), caller(c), await readUpload(c));
      return c.redirect(`/impor/${view.id}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      const refusal = error as Refusal;
      return start(c, [say(c, refusal.text), ...(refusal.fields ?? []).map((f) => f.message)].join(" "), refusal.status as 409 | 413 | 415 | 422);
    }
  })
  .get("/impor/:id", (c) => preview(c, c.req.param("id")))
  .post("/impor/:id/lokasi", async (c) => {
    const form = await readForm(c);
    const choices = Object.fromEntries(Object.entries(form).flatMap(([name, value]) => (name.startsWith("pilih:") && typeof value === "string" ? [[name.slice(6), value]] : [])));
    await imports.chooseImportPlaces(deps(c), caller(c), c.req.param("id"), choices);
    return c.redirect(`/impor/${c.req.param("id")}`, 303);
  })
  .post("/impor/:id/simpan", async (c) => {
    try {
      await imports.commitImport(deps(c), caller(c), c.req.param("id"));
      return c.redirect(`/impor/${c.req.param("id")}`, 303);
    } catch (error) {
      if (!shown(error)) throw error;
      return preview(c, c.req.param("id"), { error: say(c, (error as Refusal).text) }, (error as Refusal).status as 409 | 422);
    }
  });
