/**
 * A sub-activity code names its agency through the kabupaten's responsibility table: the longest matching prefix
 * wins, so a program-level entry (1.05.03 → BPBD) overrides its bidang (1.05 → Satpol PP).
 */
export function responsibleAgency(subActivityCode: string, agencyByPrefix: ReadonlyMap<string, string>): string | null {
  const parts = subActivityCode.split(".");
  for (let length = Math.min(parts.length, 3); length >= 2; length--) {
    const agency = agencyByPrefix.get(parts.slice(0, length).join("."));
    if (agency) return agency;
  }
  return null;
}
