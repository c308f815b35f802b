import { describe, expect, it } from "vitest";
import { agenciesCsv, agencyRecordsFromCsv, validateAgencies } from "../../shared/agencies/agencies.ts";

const KNOWN = new Set(["1.01", "1.02", "1.03", "1.05", "1.05.03", "2.22"]);
const check = (csv: string) => {
  const { records, issues } = agencyRecordsFromCsv(csv, "id");
  return validateAgencies(records, KNOWN, "id", issues);
};

describe("agency CSV", () => {
  it("reads comma or semicolon files with a BOM, in any column order, codes split by spaces, commas or semicolons", () => {
    expect(check("\uFEFFnama;singkatan;bidang_program\r\nDinas Pendidikan;disdik;1.01 2.22\r\n\r\n").agencies).toEqual([
      { shortName: "DISDIK", name: "Dinas Pendidikan", codePrefixes: ["1.01", "2.22"] },
    ]);
    expect(check('singkatan,nama,bidang_program\nBPBD,"Badan Penanggulangan Bencana Daerah","1.05.03,1.05.03"\nSATPOL,Satpol PP,1.05').agencies).toEqual([
      { shortName: "BPBD", name: "Badan Penanggulangan Bencana Daerah", codePrefixes: ["1.05.03"] },
      { shortName: "SATPOL", name: "Satpol PP", codePrefixes: ["1.05"] },
    ]);
  });

  it("round-trips what it writes", () => {
    const list = [{ shortName: "PERKIM", name: 'Dinas "Perumahan", Kawasan; Permukiman', codePrefixes: ["1.03", "1.05.03"] }];
    expect(check(agenciesCsv(list)).agencies).toEqual(list);
  });

  it("names the file's own problems: no rows, a wrong header, an open quote, too many rows", () => {
    expect(check("singkatan,nama,bidang_program\n").issues.map((i) => i.code)).toEqual(["empty"]);
    expect(check("kode,nama,bidang\nA,B,1.01").issues.map((i) => [i.row, i.code])).toEqual([[1, "header"]]);
    expect(check('singkatan,nama,bidang_program\nA,"Dinas,1.01').issues.map((i) => i.code)).toEqual(["csv_quote"]);
    const many = `singkatan,nama,bidang_program\n${Array.from({ length: 201 }, (_, i) => `D${i},Dinas ${i},1.01`).join("\n")}`;
    expect(check(many).issues.map((i) => i.code)).toContain("too_many");
  });

  it("checks names and short names: format, length, control characters", () => {
    const result = check("singkatan,nama,bidang_program\n-X,Dinas A,1.01\nOK,ab,1.02\nOK2,\"Dinas\u0000B\",1.03\nTOOLONGNAMEXXXXXXXXXXXXXXXXXXXXXX,Dinas C,1.05");
    expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, "singkatan", "short_name_format"],
      [3, "nama", "name_length"],
      [4, "nama", "text_malformed"],
      [5, "singkatan", "short_name_format"],
    ]);
  });
});
