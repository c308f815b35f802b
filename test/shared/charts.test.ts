import { describe, expect, it } from "vitest";
import { funnel, horizontalBars, pairedBars, usedRemainingBars } from "../../shared/charts/bars.ts";
import { clip, escapeXml, scale } from "../../shared/charts/svg.ts";
import { rupiah } from "../../shared/format.ts";

const text = { title: "Pagu per OPD", empty: "Belum ada pagu." };
const count = (n: number) => String(n);
const widths = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
const words = { used: "terpakai", remaining: "sisa", over: "melebihi" };

describe("scale", () => {
  it("maps a value onto the bar's length in proportion to the maximum", () => {
    expect(scale(50, 100, 400)).toBe(200);
    expect(scale(100, 100, 400)).toBe(400);
    expect(scale(1, 3, 100)).toBe(33.3);
  });
  it("draws nothing for zero, negative or non-finite values and for a zero maximum", () => {
    expect(scale(0, 100, 400)).toBe(0);
    expect(scale(-5, 100, 400)).toBe(0);
    expect(scale(Number.NaN, 100, 400)).toBe(0);
    expect(scale(10, 0, 400)).toBe(0);
  });
  it("never draws past the end", () => expect(scale(150, 100, 400)).toBe(400));
});

describe("escaping and clipping", () => {
  it("escapes every character XML gives a meaning", () => expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"));
  it("clips long labels with an ellipsis and leaves short ones alone", () => {
    expect(clip("Dinas Pekerjaan Umum dan Penataan Ruang", 12)).toBe("Dinas Peker…");
    expect(clip("Dinas PUPR", 12)).toBe("Dinas PUPR");
  });
});

describe("horizontal bars", () => {
  it("scales the largest value to the full bar and writes each value in the given format", () => {
    const svg = horizontalBars([{ label: "Kalianda", value: 200_000_000 }, { label: "Sidomulyo", value: 50_000_000 }], rupiah, text);
    const [a, b] = widths(svg);
    expect(b! / a!).toBeCloseTo(0.25, 2);
    expect(svg).toContain("Rp 200.000.000");
    expect(svg).toContain("Rp 50.000.000");
    expect(svg).toContain('role="img" aria-label="Pagu per OPD"');
  });
  it("escapes labels from data, in the text and in the tooltip", () => {
    const svg = horizontalBars([{ label: `<script>alert("x")</script>`, value: 1 }], count, text);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });
  it("says there is nothing to draw when there are no rows", () => {
    const svg = horizontalBars([], count, text);
    expect(svg).toContain("Belum ada pagu.");
    expect(svg).not.toContain("<rect");
  });
  it("draws zero-length bars when every value is zero, and still writes them", () => {
    const svg = horizontalBars([{ label: "A", value: 0 }, { label: "B", value: 0 }], count, text);
    expect(widths(svg)).toEqual([0, 0]);
    expect(svg).not.toContain("NaN");
  });
});

describe("used vs remaining", () => {
  it("draws the envelope and the used part on one scale with the room left in words", () => {
    const svg = usedRemainingBars([{ label: "Dinas PUPR", used: 300, total: 1000 }, { label: "Dinas Kesehatan", used: 0, total: 500 }], count, words, text);
    const [total1, used1, total2, used2] = widths(svg);
    expect(used1! / total1!).toBeCloseTo(0.3, 2);
    expect(total2! / total1!).toBeCloseTo(0.5, 2);
    expect(used2).toBe(0);
    expect(svg).toContain("sisa 700");
    expect(svg).toContain("sisa 500");
  });
  it("shows use beyond the envelope in red and says by how much", () => {
    const svg = usedRemainingBars([{ label: "Kecamatan Kalianda", used: 1200, total: 1000 }], count, words, text);
    expect(svg).toContain('fill="#b91c1c"');
    expect(svg).toContain("melebihi 200");
  });
  it("draws nothing for a zero envelope with nothing used, without dividing by zero", () => {
    const svg = usedRemainingBars([{ label: "A", used: 0, total: 0 }], count, words, text);
    expect(svg).not.toContain("NaN");
    expect(svg).toContain("sisa 0");
  });
  it("says so when there are no envelopes", () => expect(usedRemainingBars([], count, words, text)).toContain("Belum ada pagu."));
});

describe("funnel", () => {
  it("gives each stage its share of the first", () => {
    const svg = funnel([{ label: "Diajukan", count: 200 }, { label: "Diverifikasi", count: 150 }, { label: "Renja", count: 50 }], count, text);
    expect(svg).toContain("200 (100%)");
    expect(svg).toContain("150 (75%)");
    expect(svg).toContain("50 (25%)");
    const [first, , last] = widths(svg);
    expect(last! / first!).toBeCloseTo(0.25, 2);
  });
  it("says <1% for a share that is small but not nothing", () => {
    const svg = funnel([{ label: "Diajukan", count: 306 }, { label: "Renja", count: 1 }, { label: "Tolak", count: 0 }], count, text);
    expect(svg).toContain("1 (&lt;1%)");
    expect(svg).toContain("0 (0%)");
  });
  it("draws no bars and no percentages when nothing was submitted", () => {
    const svg = funnel([{ label: "Diajukan", count: 0 }, { label: "Renja", count: 0 }], count, text);
    expect(widths(svg)).toEqual([0, 0]);
    expect(svg).toContain("0 (–)");
    expect(svg).not.toContain("NaN");
  });
});

describe("paired bars", () => {
  const series = { before: "Diusulkan", after: "Disepakati" };
  it("puts both series on one scale and names them in the legend", () => {
    const svg = pairedBars([{ label: "Kalianda", before: 400, after: 100 }, { label: "Natar", before: 200, after: 200 }], series, count, text);
    const [b1, a1, b2, a2] = widths(svg);
    expect(a1! / b1!).toBeCloseTo(0.25, 2);
    expect(b2! / b1!).toBeCloseTo(0.5, 2);
    expect(a2).toBe(b2);
    expect(svg).toContain(">Diusulkan<");
    expect(svg).toContain(">Disepakati<");
    expect(svg).toContain("Kalianda, Disepakati: 100");
  });
  it("escapes the series names and handles all-zero rows", () => {
    const svg = pairedBars([{ label: "A", before: 0, after: 0 }], { before: "<b>", after: "&" }, count, text);
    expect(svg).toContain("&lt;b&gt;");
    expect(svg).toContain("&amp;");
    expect(svg).not.toContain("NaN");
  });
  it("says so when there is nothing to compare", () => expect(pairedBars([], series, count, text)).toContain("Belum ada pagu."));
});

describe("funnel counts", () => {
  it("counts every proposal that reached a step, whatever happened after", async () => {
    const { funnelCounts } = await import("../../shared/proposals/funnel.ts");
    const steps = funnelCounts(
      [
        { status: "submitted", stage: "desa", count: 5 },
        { status: "withdrawn", stage: "desa", count: 1 },
        { status: "verified", stage: "kecamatan", count: 2 },
        { status: "rejected", stage: "opd_review", count: 3 },
        { status: "accepted", stage: "renja", count: 4 },
      ],
      4,
      "id",
    );
    expect(steps.map((s) => s.count)).toEqual([15, 9, 7, 4, 4]);
    expect(steps[0]!.label).toBe("Diajukan desa");
    expect(funnelCounts([], 0, "en").map((s) => [s.label, s.count])[4]).toEqual(["In the Renja", 0]);
  });
});
