/**
 * What every page carries: its CSS as CSS (a child combinator escaped into "&gt;" stopped two-column rows from
 * stretching), an icon the browser finds, and on forms with files the size check before upload.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../shared/demo/demo-accounts.ts";
import { MAX_ATTACHMENT_BYTES } from "../../shared/proposals/attachments.ts";
import { call, signIn } from "../support/principals.ts";

describe("the page frame", () => {
  it("sends its CSS unescaped, so `.row>*` stretches the two columns of a row", async () => {
    const html = await (await call("/masuk")).text();
    expect(html).toContain(".row>*{flex:1");
    expect(html).not.toContain("&gt;");
  });

  it("links an icon and serves it from the Worker with a long cache, at both addresses browsers ask", async () => {
    const html = await (await call("/lacak")).text();
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const response = await call(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/svg+xml");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(await response.text()).toMatch(/^<svg /);
    }
  });

  it("keeps the icon's public cache for a signed-in caller (only personal pages are no-store)", async () => {
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const response = await call("/favicon.svg", { headers: { cookie: session.cookie } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const page = await call("/usulan/baru", { headers: { cookie: session.cookie } });
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the size check before upload", () => {
  it("gives the file field its limits and loads the same-origin script the CSP allows", async () => {
    const session = await signIn("operator.wayurang", DEMO_PASSWORD);
    const page = await call("/usulan/baru", { headers: { cookie: session.cookie } });
    const html = await page.text();
    const input = /<input id="attachments"[^>]*>/.exec(html)?.[0] ?? "";
    expect(input).toContain('accept="image/jpeg,image/png,image/webp,application/pdf"');
    expect(input).toContain(`data-max-bytes="${MAX_ATTACHMENT_BYTES}"`);
    expect(input).toContain('data-max-files="5"');
    const src = /<script src="([^"]+)" defer=""><\/script>/.exec(html)?.[1];
    expect(src).toMatch(/^\/static\/.+\.js$/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self';");

    const script = await call(src!);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).toContain("setCustomValidity");
  });
});
