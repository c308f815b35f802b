/** The kecamatan's Musrenbang pages: the ranked list, a proposal's recommendation, and closing the list. */
import { Hono } from "hono";
import * as v from "valibot";
import type { Principal } from "../../../shared/access/roles.ts";
import { planningYear } from "../../../shared/proposals/lifecycle.ts";
import { parseIndonesianNumber } from "../../../shared/proposals/form.ts";
import { DistrictRecommendationSchema } from "../../../shared/schemas/districts.ts";
import { fieldIssues } from "../../../shared/schemas/issues.ts";
import { requirePrincipal } from "../../usecases/access.ts";
import { closeDistrictList, districtList, rankInDistrict, recommendInDistrict } from "../../usecases/districts/musrenbang.ts";
import { forbidden, Refusal } from "../../usecases/errors.ts";
import { proposalDetail } from "../../usecases/proposals/story.ts";
import { CloseDistrictPage, DistrictListPage, DistrictRecommendationPage, type RecommendationValues } from "../../views/district-pages.tsx";
import { caller, csrf, deps, type AppContext, type AppEnv } from "../context.ts";
import { formText, readForm } from "../form.ts";
import { language, say } from "../messages.ts";

const SAVED = { id: "Rekomendasi tersimpan.", en: "Recommendation saved." };
const CLOSED = { id: "Daftar kecamatan ditutup. Setiap usulan mendapat nomor urut akhirnya.", en: "The district list is closed. Every proposal has its final number." };

/** The kecamatan a page is about: the verifier's own, or the one Bappeda chose. */
function districtOf(c: AppContext, principal: Principal, given?: string): string {
  if (principal.role === "district_verifier") return principal.scopeCode;
  if (principal.role === "planning_admin") return given ?? c.req.query("kecamatan") ?? "";
  throw forbidden;
}

const yearOf = (c: AppContext) => Number(c.req.query("tahun")) || planningYear(new Date());

const listPath = (principal: Principal, districtCode: string, year: number, anchor = "") =>
  `/musrenbang-kecamatan?tahun=${year}${principal.role === "planning_admin" ? `&kecamatan=${districtCode}` : ""}${anchor}`;

async function renderList(c: AppContext, principal: Principal, districtCode: string, year: number, notice: { ok?: string; error?: string } = {}, status: 200 | 409 | 422 = 200) {
  const { list } = await districtList(deps(c), principal, { districtCode, year });
  return c.html(<DistrictListPage principal={principal} csrfToken={csrf(c)} lang={language(c)} list={list} notice={notice} />, status);
}

async function renderRecommendation(c: AppContext, id: string, values: RecommendationValues | null, errors: Record<string, string> = {}, status: 200 | 409 | 422 = 200) {
  const { principal, detail } = await proposalDetail(deps(c), caller(c), id);
  const current = detail.recommendations.find((r) => r.level === "kecamatan");
  // The form starts from the kecamatan's earlier recommendation, or from what the desa asked.
  const start = values ?? { volume: String(current?.volume ?? detail.volume).replace(".", ","), estimatedCost: String(current?.cost ?? detail.estimatedCost), note: current?.note ?? "" };
  return c.html(<DistrictRecommendationPage principal={principal} csrfToken={csrf(c)} lang={language(c)} detail={detail} values={start} errors={errors} />, status);
}

/** The form's fields as the recommendation schema's input ("75.000.000" and "120,5" as people type them). */
function recommendationFromForm(form: Record<string, unknown>) {
  const text = (name: string) => formText(form, name)?.trim() ?? "";
  const number = (name: string) => (text(name) === "" ? undefined : parseIndonesianNumber(text(name)));
  return { volume: number("volume"), estimatedCost: number("estimatedCost"), note: text("note") || null };
}

export const districtPages = new Hono<AppEnv>()
  .get("/musrenbang-kecamatan", async (c) => {
    const principal = requirePrincipal(caller(c));
    const notice = c.req.query("ok") === "rekomendasi" ? { ok: say(c, SAVED) } : c.req.query("ok") === "ditutup" ? { ok: say(c, CLOSED) } : {};
    return renderList(c, principal, districtOf(c, principal), yearOf(c), notice);
  })
  .post("/musrenbang-kecamatan/usulan/:id/peringkat", async (c) => {
    const rank = Number(formText(await readForm(c), "rank"));
    const principal = requirePrincipal(caller(c));
    try {
      const ordered = await rankInDistrict(deps(c), principal, { id: c.req.param("id"), rank: Number.isInteger(rank) && rank >= 1 ? rank : 1 });
      const moved = ordered.find((p) => p.id === c.req.param("id"))!;
      return c.redirect(listPath(principal, moved.districtCode, moved.year, `#usulan-${moved.id}`), 303);
    } catch (error) {
      if (!(error instanceof Refusal) || error.status !== 409) throw error;
      const { row } = await proposalDetail(deps(c), principal, c.req.param("id"));
      return renderList(c, principal, row.districtCode, row.year, { error: say(c, error.text) }, 409);
    }
  })
  .get("/musrenbang-kecamatan/usulan/:id", (c) => renderRecommendation(c, c.req.param("id"), null))
  .post("/musrenbang-kecamatan/usulan/:id", async (c) => {
    const id = c.req.param("id");
    const form = await readForm(c);
    const typed = { volume: formText(form, "volume"), estimatedCost: formText(form, "estimatedCost"), note: formText(form, "note") };
    const parsed = v.safeParse(DistrictRecommendationSchema, recommendationFromForm(form));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of fieldIssues(parsed.issues, language(c))) errors[issue.path] ??= issue.message;
      return renderRecommendation(c, id, typed, errors, 422);
    }
    try {
      await recommendInDistrict(deps(c), caller(c), { id, recommendation: parsed.output });
    } catch (error) {
      if (!(error instanceof Refusal) || error.status !== 409) throw error;
      return renderRecommendation(c, id, typed, { "": say(c, error.text) }, 409);
    }
    const { row, principal } = await proposalDetail(deps(c), caller(c), id);
    return c.redirect(`${listPath(principal, row.districtCode, row.year)}&ok=rekomendasi#usulan-${id}`, 303);
  })
  .get("/musrenbang-kecamatan/tutup", async (c) => {
    const principal = requirePrincipal(caller(c));
    const { list } = await districtList(deps(c), principal, { districtCode: districtOf(c, principal), year: yearOf(c) });
    return c.html(<CloseDistrictPage principal={principal} csrfToken={csrf(c)} lang={language(c)} list={list} />);
  })
  .post("/musrenbang-kecamatan/tutup", async (c) => {
    const principal = requirePrincipal(caller(c));
    const form = await readForm(c);
    const districtCode = districtOf(c, principal, formText(form, "kecamatan"));
    const year = Number(formText(form, "year")) || planningYear(new Date());
    await closeDistrictList(deps(c), principal, { districtCode, year });
    return c.redirect(`${listPath(principal, districtCode, year)}&ok=ditutup`, 303);
  });
