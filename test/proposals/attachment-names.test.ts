/**
 * Villages name their files as they like ("Foto jalan Désa Ⅱ.png", "照片.png"): a header is bytes, so the name
 * goes out as RFC 5987 `filename*=UTF-8''…` with a plain ASCII `filename=` for old clients.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { contentDisposition } from "../../workers/http/content-disposition.ts";
import { call, demoCallers } from "../support/principals.ts";
import { PNG, proposalInput } from "../support/proposals.ts";

let callers: Awaited<ReturnType<typeof demoCallers>>;
beforeAll(async () => {
  callers = await demoCallers();
});

/** The name a browser saves the file under: filename* when present (RFC 6266), else filename. */
function savedName(header: string): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) return decodeURIComponent(extended[1]!);
  return /filename="([^"]*)"/.exec(header)![1]!;
}

describe("Content-Disposition of attachments", () => {
  for (const name of ["Foto jalan Désa Ⅱ.png", "照片 saluran.png", "Ngadirejo ꦗꦮ.png", "foto saluran.png"]) {
    it(`serves "${name}" under its own name, with an ASCII fallback`, async () => {
      const form = new FormData();
      form.set("proposal", JSON.stringify(proposalInput({ activity: `Drainase dengan foto ${name}` })));
      form.append("attachments", new File([PNG], name, { type: "image/png" }));
      const created = await call("/api/v1/proposals", { method: "POST", headers: callers.village_operator.headers, body: form });
      expect(created.status).toBe(201);
      const proposal = (await created.json()) as { id: string; attachments: { id: string; filename: string }[] };
      const file = await call(`/api/v1/proposals/${proposal.id}/attachments/${proposal.attachments[0]!.id}`, { headers: callers.village_operator.headers });
      expect(file.status).toBe(200);
      const header = file.headers.get("content-disposition")!;
      expect(header).toMatch(/^inline; filename="[\x20-\x7e]+"/);
      expect([...header].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
      expect(savedName(header)).toBe(proposal.attachments[0]!.filename);
      expect(proposal.attachments[0]!.filename).toBe(name);
    });
  }
});

describe("contentDisposition", () => {
  it("keeps a plain ASCII name as it is, with no extended form", () => {
    expect(contentDisposition("attachment", "renja-2027-abcd1234.csv")).toBe('attachment; filename="renja-2027-abcd1234.csv"');
  });

  it("encodes everything outside RFC 5987 attr-char, and falls back to ASCII without quotes or backslashes", () => {
    const header = contentDisposition("attachment", `RAB "Désa" (2027)'s\\ 100%.pdf`);
    expect(header).toBe(`attachment; filename="RAB _Desa_ (2027)'s_ 100%.pdf"; filename*=UTF-8''RAB%20%22D%C3%A9sa%22%20%282027%29%27s%5C%20100%25.pdf`);
    expect(savedName(header)).toBe(`RAB "Désa" (2027)'s\\ 100%.pdf`);
  });

  it("never leaves the fallback empty", () => {
    expect(contentDisposition("inline", "照片")).toBe(`inline; filename="__"; filename*=UTF-8''%E7%85%A7%E7%89%87`);
  });
});
