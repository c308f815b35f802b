import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call, signIn } from "../support/principals.ts";
import { PNG } from "../support/proposals.ts";

let session: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  session = await signIn("operator.wayurang", DEMO_PASSWORD);
});

async function openForm() {
  const page = await call("/usulan/baru", { headers: { cookie: session.cookie } });
  const html = await page.text();
  return { status: page.status, html, submission: /name="_submission" value="([^"]+)"/.exec(html)![1]! };
}

function formBody(fields: Record<string, string>, files: File[] = []) {
  const form = new FormData();
  form.set("_csrf", session.csrfToken);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const file of files) form.append("attachments", file);
  return form;
}

const post = (form: FormData) => call("/usulan", { method: "POST", headers: { cookie: session.cookie }, body: form, redirect: "manual" });

const valid = (submission: string) => ({
  _submission: submission,
  year: "2027",
  villageCode: "18.01.06.1008",
  problem: "Jalan lingkungan berlubang dan becek saat musim hujan.",
  activity: "pemb. jln rabat beton Lingk. II",
  volume: "150",
  unit: "m",
  estimatedCost: "Rp 97.500.000",
  rt: "04",
  latitude: "-5,7281",
  longitude: "105,5907",
  beneficiaryGroup: "umum",
});

const proposalCount = () => env.DB.prepare("SELECT count(*) AS n FROM proposals WHERE village_code = '18.01.06.1008'").first<number>("n");

describe("the village proposal form", () => {
  it("renders in Indonesian, phone-sized, with the operator's own desa preselected and a one-time token", async () => {
    const { status, html } = await openForm();
    expect(status).toBe(200);
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(html).toContain("Permasalahan");
    expect(html).toMatch(/<option value="18\.01\.06\.1008" selected="">Way Urang \(Kec\. Kalianda\)<\/option>/);
    expect(html).toContain('enctype="multipart/form-data"');
    // No inline script: only the same-origin upload check, which the form does not need to work.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/static/periksa-lampiran-1.js" defer="">']);
  });

  it("re-renders an invalid submission with everything typed kept and a message at each wrong field", async () => {
    const { submission } = await openForm();
    const before = await proposalCount();
    const response = await post(formBody({ ...valid(submission), unit: "", estimatedCost: "-500", problem: "Banjir <b>parah</b> & \"sering\"" }));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/id="unit-error">Volume harus disertai satuan\.</);
    expect(html).toMatch(/id="estimatedCost-error">Perkiraan biaya tidak masuk akal/);
    expect(html).toContain('value="pemb. jln rabat beton Lingk. II"');
    expect(html).toContain('value="-500"');
    expect(html).toContain("Banjir &lt;b&gt;parah&lt;/b&gt; &amp; &quot;sering&quot;");
    expect(html).toContain(`name="_submission" value="${submission}"`);
    expect(await proposalCount()).toBe(before);
  });

  it("creates one proposal for a double tap and shows the tracking code", async () => {
    const { submission } = await openForm();
    const before = await proposalCount();
    const photo = () => new File([PNG], "jalan.png", { type: "image/png" });
    const [first, second] = await Promise.all([post(formBody(valid(submission), [photo()])), post(formBody(valid(submission), [photo()]))]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await proposalCount()).toBe(before! + 1);

    const detail = await call(first.headers.get("location")!, { headers: { cookie: session.cookie } });
    const html = await detail.text();
    expect(html).toMatch(/Kode lacak: <strong>USL-2027-[2-9A-HJ-NP-Z]{6}<\/strong>/);
    expect(html).toContain("Rp 97.500.000");
    expect(html).toContain("jalan.png");
  });

  it("refuses a photo that is not one with a message next to the attachments", async () => {
    const { submission } = await openForm();
    const response = await post(formBody(valid(submission), [new File(["bukan foto"], "foto.jpg", { type: "image/jpeg" })]));
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/id="attachments-error" aria-live="polite">Lampiran harus berupa foto/);
  });

  it("lists the village's proposals with their stage and lets the operator withdraw one", async () => {
    const { submission } = await openForm();
    const created = await post(formBody({ ...valid(submission), activity: "Rehab Polindes Way Urang" }));
    const id = created.headers.get("location")!.split("/")[2]!.split("?")[0]!;
    const list = await (await call("/usulan", { headers: { cookie: session.cookie } })).text();
    expect(list).toContain("Rehab Polindes Way Urang");
    expect(list).toContain("Musrenbang desa");
    // Withdrawing asks first (test/village/withdraw.test.ts); the confirmed form withdraws.
    const withdraw = new FormData();
    withdraw.set("_csrf", session.csrfToken);
    withdraw.set("konfirmasi", "ya");
    const response = await call(`/usulan/${id}/batal`, { method: "POST", headers: { cookie: session.cookie }, body: withdraw, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(await (await call(`/usulan/${id}`, { headers: { cookie: session.cookie } })).text()).toContain("Dibatalkan");
  });

  it("refuses a post without the session's CSRF token", async () => {
    const { submission } = await openForm();
    const form = formBody(valid(submission));
    form.set("_csrf", "palsu");
    expect((await post(form)).status).toBe(403);
  });
});

describe("the public tracking page", () => {
  it("shows the stage history without signing in, and nothing personal", async () => {
    const { submission } = await openForm();
    const created = await post(formBody(valid(submission)));
    const detail = await (await call(created.headers.get("location")!, { headers: { cookie: session.cookie } })).text();
    const code = /USL-2027-[2-9A-HJ-NP-Z]{6}/.exec(detail)![0];
    const page = await call(`/lacak/${code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Way Urang");
    expect(html).toContain("Diajukan");
    expect(html).not.toContain("Operator");
    expect(html).not.toContain("97.500.000");
    expect((await call("/lacak/USL-2027-ZZZZZZ")).status).toBe(404);
  });
});
