import { DEMO } from "./principals.ts";

/** A valid proposal from Way Urang, written as a village would. */
export function proposalInput(overrides: Record<string, unknown> = {}) {
  return {
    year: 2027,
    villageCode: DEMO.village,
    problem: "Saluran air di RT 03 tersumbat dan meluap saat hujan, jalan lingkungan tergenang.",
    activity: "Pembangunan drainase lingkungan RT 03",
    description: "Saluran pasangan batu kali sepanjang gang menuju SD.",
    address: "Lingkungan II",
    rt: "03",
    rw: "01",
    latitude: -5.7275,
    longitude: 105.5912,
    volume: 120,
    unit: "m",
    estimatedCost: 90_000_000,
    beneficiaryCount: 240,
    beneficiaryGroup: "umum",
    subActivityCode: "1.03.06.2.01.0012",
    ...overrides,
  };
}

let made = 0;
/**
 * A valid proposal no other of this test file has: the same content from the same account within minutes is
 * answered with the first proposal (shared/proposals/content.ts), so tests that need a new one each time use this.
 */
export const freshProposalInput = (overrides: Record<string, unknown> = {}) => proposalInput({ activity: `Pembangunan drainase lingkungan RT 03 (${++made})`, ...overrides });

/** The smallest valid PNG (1x1 pixel). */
export const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);
export const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
