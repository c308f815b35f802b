/** Times in the region's own zone, named (WIB/WITA/WIT), and rupiah as Indonesians write it. */
import { describe, expect, it } from "vitest";
import { date, dateTime, quantity, rupiah } from "../../shared/format.ts";
import { regionZone } from "../../shared/time/indonesian.ts";

describe("regionZone", () => {
  it.each([
    ["18.01.06.1008", "WIB", "Asia/Jakarta"], // Lampung Selatan
    ["11", "WIB", "Asia/Jakarta"], // Aceh
    ["36.03", "WIB", "Asia/Jakarta"], // Banten
    ["61.01", "WIB", "Asia/Jakarta"], // Kalimantan Barat
    ["62.01", "WIB", "Asia/Jakarta"], // Kalimantan Tengah
    ["51.71", "WITA", "Asia/Makassar"], // Bali
    ["53.01", "WITA", "Asia/Makassar"], // NTT
    ["63.01", "WITA", "Asia/Makassar"], // Kalimantan Selatan
    ["65.01", "WITA", "Asia/Makassar"], // Kalimantan Utara
    ["73.71", "WITA", "Asia/Makassar"], // Makassar
    ["76.01", "WITA", "Asia/Makassar"], // Sulawesi Barat
    ["81.01", "WIT", "Asia/Jayapura"], // Maluku
    ["91.01", "WIT", "Asia/Jayapura"], // Papua
    ["96.01", "WIT", "Asia/Jayapura"], // Papua Barat Daya
  ])("%s is %s", (code, name, iana) => {
    expect(regionZone(code)).toMatchObject({ name, iana });
  });
});

describe("dateTime and date", () => {
  const moment = "2027-03-12T16:30:00.000Z";
  it("writes the same moment in each zone with its name", () => {
    expect(dateTime(moment, "18.01")).toBe("12 Mar 2027 23.30 WIB");
    expect(dateTime(moment, "73.71")).toBe("13 Mar 2027 00.30 WITA");
    expect(dateTime(moment, "91.01")).toBe("13 Mar 2027 01.30 WIT");
    expect(dateTime(moment, "18.01", "en")).toBe("12 Mar 2027 23:30 WIB");
  });

  it("takes the calendar day of the region", () => {
    expect(date(moment, "18.01")).toBe("12 Mar 2027");
    expect(date(moment, "91.01")).toBe("13 Mar 2027");
  });
});

describe("rupiah and quantity", () => {
  it("groups with dots and uses a decimal comma in Indonesian", () => {
    expect(rupiah(97_500_000)).toBe("Rp 97.500.000");
    expect(quantity(120.5)).toBe("120,5");
    expect(quantity(120.5, "en")).toBe("120.5");
  });
});

describe("formatters made once", () => {
  it("give what toLocaleString gives, an unparseable moment included", () => {
    expect(rupiah(97_500_000)).toBe(`Rp ${(97_500_000).toLocaleString("id-ID")}`);
    expect(quantity(120.5, "en")).toBe((120.5).toLocaleString("en-GB"));
    expect(dateTime("agd_not_a_date", "18.01")).toBe("Invalid Date WIB");
    expect(date("not a date", "18.01")).toBe("Invalid Date");
    expect(dateTime("2027-03-12T07:05:00.000Z", "18.01")).toBe(dateTime("2027-03-12T07:05:00.000Z", "18.01"));
  });
});
