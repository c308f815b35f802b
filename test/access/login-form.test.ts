import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { call } from "../support/principals.ts";

async function openLoginForm() {
  const page = await call("/masuk?next=/usulan");
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  return { html, csrf, cookie };
}

const post = (cookie: string, fields: Record<string, string>) =>
  call("/masuk", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });

describe("the login form", () => {
  it("renders in Indonesian with a CSRF token", async () => {
    const { html } = await openLoginForm();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain("Kata sandi");
    expect(html).toContain('name="viewport"');
  });

  it("signs in and returns to the page asked for", async () => {
    const { csrf, cookie } = await openLoginForm();
    const response = await post(cookie, { _csrf: csrf, username: "operator.wayurang", password: DEMO_PASSWORD, next: "/usulan" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/usulan");
    expect(response.headers.get("set-cookie")).toMatch(/musrenbang_session=/);
  });

  it("re-renders with the username kept and a message on a wrong password", async () => {
    const { csrf, cookie } = await openLoginForm();
    const response = await post(cookie, { _csrf: csrf, username: "operator.wayurang", password: "salah-kata-sandi" });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain("Nama pengguna atau kata sandi salah.");
    expect(html).toContain('value="operator.wayurang"');
  });

  it("refuses a post without the form's CSRF token with a readable page", async () => {
    const { cookie } = await openLoginForm();
    const response = await post(cookie, { _csrf: "palsu", username: "operator.wayurang", password: DEMO_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Formulir kedaluwarsa");
  });

  it("never redirects off-site after sign-in", async () => {
    const { csrf, cookie } = await openLoginForm();
    const response = await post(cookie, { _csrf: csrf, username: "operator.wayurang", password: DEMO_PASSWORD, next: "//evil.example/x" });
    expect(response.headers.get("location")).toBe("/");
  });

  it("escapes what people typed when it is shown again", async () => {
    const { csrf, cookie } = await openLoginForm();
    const response = await post(cookie, { _csrf: csrf, username: '<script>alert(1)</script>', password: "salah-kata-sandi" });
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows people who are not signed in the public account, tracking and the way to sign in", async () => {
    const response = await call("/", { redirect: "manual" });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const href of ["/publik", "/lacak", "/masuk"]) expect(html).toContain(`href="${href}"`);
  });
});
