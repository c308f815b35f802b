import { describe, expect, it } from "vitest";
import { regions } from "../../shared/db/schema.ts";
import { sqlLiteral, upsertStatements } from "../../shared/db/upsert-sql.ts";

describe("sqlLiteral", () => {
  it("escapes quotes and refuses what SQL cannot hold", () => {
    expect(sqlLiteral("Way Urang's; DROP TABLE regions;--")).toBe("'Way Urang''s; DROP TABLE regions;--'");
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(true)).toBe("1");
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});

describe("upsertStatements", () => {
  it("maps drizzle properties to columns and refreshes on conflict", () => {
    const [statement] = upsertStatements(regions, [{ code: "18.01", level: "regency", parentCode: "18", name: "Kab" }], {
      onConflict: "update",
    });
    expect(statement).toBe(
      `INSERT INTO "regions" ("code", "level", "parent_code", "name") VALUES ('18.01', 'regency', '18', 'Kab') ` +
        `ON CONFLICT ("code") DO UPDATE SET "level" = excluded."level", "parent_code" = excluded."parent_code", "name" = excluded."name";`,
    );
  });

  it("splits large inserts into statements under D1's 100 KB limit", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ code: `18.01.01.${2000 + i}`, level: "village" as const, name: "x".repeat(60) }));
    const statements = upsertStatements(regions, rows, { onConflict: "ignore" });
    expect(statements.length).toBeGreaterThan(1);
    for (const s of statements) expect(new TextEncoder().encode(s).length).toBeLessThan(100_000);
    expect(statements.join("").match(/\('18\.01\.01\./g)).toHaveLength(5000);
  });
});

describe("upsertStatements with rows of different shapes", () => {
  it("writes every column any row gives, NULL where a row leaves it out", () => {
    const [statement] = upsertStatements(
      regions,
      [
        { code: "18", level: "province", name: "Lampung" },
        { code: "18.01", level: "regency", kind: "kabupaten", parentCode: "18", name: "Kabupaten Lampung Selatan" },
      ],
      { onConflict: "ignore" },
    );
    expect(statement).toContain(`("code", "level", "kind", "parent_code", "name")`);
    expect(statement).toContain(`('18', 'province', NULL, NULL, 'Lampung')`);
    expect(statement).toContain(`('18.01', 'regency', 'kabupaten', '18', 'Kabupaten Lampung Selatan')`);
  });
});
