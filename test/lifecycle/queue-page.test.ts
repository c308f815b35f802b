import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { proposalIn } from "../access/cases/proposals.ts";
import { call, signIn } from "../support/principals.ts";

describe("the agency review page", () => {
  it("lists the agency's queue and lets the reviewer decide one task at a time, refusing a rejection without reason", async () => {
    const session = await signIn("penelaah.pupr", DEMO_PASSWORD);
    const { id } = await proposalIn("in");
    const taskId = (await env.DB.prepare("SELECT id FROM review_tasks WHERE proposal_id = ?").bind(id).first<string>("id"))!;
    const page = await (await call("/telaah", { headers: { cookie: session.cookie } })).text();
    expect(page).toContain("Antrean telaah OPD");
    expect(page).toContain(`href="/telaah/${taskId}"`);
    expect(page).toContain("Way Urang");
    const item = await (await call(`/telaah/${taskId}`, { headers: { cookie: session.cookie } })).text();
    expect(item).toContain(`action="/telaah/${taskId}"`);

    const post = (fields: Record<string, string>) =>
      call(`/telaah/${taskId}`, {
        method: "POST",
        headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: session.csrfToken, ...fields }).toString(),
        redirect: "manual",
      });
    const refused = await post({ decision: "rejected" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/<p class="error" id="reason-error">Wajib diisi\.<\/p>/);
    const accepted = await post({ decision: "accepted_with_changes", volume: "80", estimatedCost: "60.000.000" });
    expect(accepted.status).toBe(303);
    expect(await env.DB.prepare("SELECT decision, decision_data FROM review_tasks WHERE id = ?").bind(taskId).first()).toEqual({
      decision: "accepted_with_changes",
      decision_data: JSON.stringify({ changes: { volume: 80, estimatedCost: 60_000_000 } }),
    });
  });

  it("shows the kecamatan its verifications", async () => {
    const session = await signIn("verifikator.kalianda", DEMO_PASSWORD);
    const page = await call("/telaah", { headers: { cookie: session.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Verifikasi usulan kecamatan");
  });
});
