import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "../../shared/csv/parse.ts";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, CRLF or LF", () => {
    const text = '\uFEFFkode,nama\r\n1,"Jembatan Bentang 4,8 x 4 m"\n2,"Rehab ""Polindes""\nDusun II"\n';
    expect(parseCsv(text)).toEqual([
      ["kode", "nama"],
      ["1", "Jembatan Bentang 4,8 x 4 m"],
      ["2", 'Rehab "Polindes"\nDusun II'],
    ]);
  });

  it("refuses an unterminated quote", () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/tidak ditutup/);
  });

  it("names the file and line of a row with the wrong width", () => {
    expect(() => parseCsvRecords("a,b\n1,2\n3\n", "regions.csv")).toThrow("regions.csv baris 3: 1 kolom, header punya 2");
  });
});
