/**
 * Form fields arrive as text the way people type them ("1.500.000", "120,5", blank for "not known"); this turns
 * them into the same input the JSON API takes, so one schema judges both. Nothing is guessed: text that is not
 * a number stays text and the schema names the field.
 */
const NUMBER_FIELDS = ["year", "latitude", "longitude", "volume", "estimatedCost", "beneficiaryCount", "villageRank"] as const;
const TEXT_FIELDS = [
  "problem",
  "activity",
  "description",
  "villageCode",
  "address",
  "rt",
  "rw",
  "unit",
  "beneficiaryGroup",
  "subActivityCode",
] as const;

export type ProposalFormFields = Partial<Record<(typeof NUMBER_FIELDS)[number] | (typeof TEXT_FIELDS)[number], string>>;

/** "1.500.000" and "Rp 1.500.000" → 1500000; "120,5" → 120.5; "-5.4" (a coordinate) → -5.4. */
export function parseIndonesianNumber(raw: string): number | string {
  const text = raw.trim().replace(/^rp\.?\s*/i, "");
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return Number(text.replaceAll(".", "").replace(",", "."));
  if (/^-?\d+(,\d+)?$/.test(text)) return Number(text.replace(",", "."));
  if (/^-?\d+\.\d+$/.test(text)) return Number(text);
  return raw;
}

export function proposalInputFromForm(form: Record<string, unknown>, fields: readonly string[] = [...NUMBER_FIELDS, ...TEXT_FIELDS]) {
  const input: Record<string, unknown> = {};
  for (const name of fields) {
    const value = form[name];
    if (typeof value !== "string" || value.trim() === "") continue;
    input[name] = (NUMBER_FIELDS as readonly string[]).includes(name) ? parseIndonesianNumber(value) : value;
  }
  return input;
}

/** Values to put back in the form after a failed submission: exactly what was typed. */
export function formValues(form: Record<string, unknown>): ProposalFormFields {
  const values: Record<string, string> = {};
  for (const name of [...NUMBER_FIELDS, ...TEXT_FIELDS]) {
    const value = form[name];
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/**
 * A stored proposal as the form shows it to be changed, numbers written the way they are typed ("90.000.000",
 * "-5,7275"), so that sending the form back unchanged reads the same numbers again.
 */
export function formFieldsOf(row: Record<string, unknown>): ProposalFormFields {
  const values: Record<string, string> = {};
  for (const name of [...NUMBER_FIELDS, ...TEXT_FIELDS]) {
    const value = row[name];
    if (value === null || value === undefined) continue;
    if (typeof value !== "number") values[name] = String(value);
    else if (name === "latitude" || name === "longitude" || name === "year" || name === "villageRank") values[name] = String(value).replace(".", ",");
    else values[name] = value.toLocaleString("id-ID", { maximumFractionDigits: 6 });
  }
  return values;
}
