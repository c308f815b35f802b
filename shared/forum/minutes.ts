/** The berita acara of a forum: its number pattern, and the words it shows for statuses. */

/** The number pattern when the kabupaten set none: {nomor} is the year's sequence number (3 digits), {tahun} the year. */
export const DEFAULT_NUMBER_PATTERN = "050/{nomor}/BA-FLPD/{tahun}";

export const FOLLOW_UP_STATUS_LABELS: Record<string, string> = {
  open: "Belum dimulai",
  in_progress: "Sedang dikerjakan",
  done: "Selesai",
};

export const AGENDA_STATUS_LABELS: Record<string, string> = {
  open: "Belum diputuskan",
  decided: "Diputuskan",
  dropped: "Dicoret dari agenda",
};

import { ceremonialDate, formatCalendarDate, formatDate, formatDateTime, regionZone } from "../time/indonesian.ts";
import { FORUM_DECISION_LABELS, type ForumDecision } from "./decisions.ts";

/** What the berita acara is made of: the forum as the use case reads it, with names to show. */
export interface MinutesInput {
  regencyCode: string;
  regencyName: string;
  forum: {
    title: string;
    year: number;
    heldAt: string;
    place: string;
    minutesNumber: string | null;
    minutesFinalisedAt: string | null;
    agenda: readonly {
      position: number;
      budgetAtStake: number;
      status: string;
      decision: string | null;
      decisionData: Record<string, unknown> | null;
      proposals: readonly { trackingCode: string; activity: string }[];
    }[];
    attendees: readonly { name: string; position: string; agencyId: string | null; signedAt: string | null; signedVia: string | null }[];
    followUps: readonly { description: string; ownerAgencyId: string; dueDate: string; status: string }[];
  };
  agencies: readonly { id: string; name: string }[];
  /** Where it is signed, from the letterhead (e.g. Kalianda). */
  place: string;
}

export interface MinutesDocument {
  title: string;
  numberLine: string;
  opening: string;
  decisions: { no: string; proposals: string; pagu: string; decision: string }[];
  followUps: { description: string; agency: string; due: string; status: string }[];
  closing: string;
  signedAtLine: string;
  attendees: { no: string; name: string; role: string; signedNote: string | null }[];
  draft: boolean;
}

const rupiah = (value: number) => value.toLocaleString("id-ID");

function decisionText(item: MinutesInput["forum"]["agenda"][number], agencyName: (id: string) => string): string {
  if (item.status === "dropped") return AGENDA_STATUS_LABELS.dropped!;
  if (item.status !== "decided" || !item.decision) return AGENDA_STATUS_LABELS.open!;
  const data = item.decisionData ?? {};
  let text = FORUM_DECISION_LABELS[item.decision as ForumDecision["decision"]] ?? item.decision;
  if (typeof data.leadAgencyId === "string") text += `: ${agencyName(data.leadAgencyId)}`;
  if (Array.isArray(data.parts)) {
    text += `: ${(data.parts as { agencyId: string; volume: number; estimatedCost: number }[]).map((p) => `${agencyName(p.agencyId)} volume ${p.volume.toLocaleString("id-ID")}, Rp ${rupiah(p.estimatedCost)}`).join("; ")}`;
  }
  if (typeof data.reason === "string") text += `. Alasan: ${data.reason}`;
  return text;
}

/** The berita acara's text, in Indonesian, with dates in words and in the kabupaten's zone; the page and the PDF draw this. */
export function minutesDocument(input: MinutesInput): MinutesDocument {
  const { forum } = input;
  const zone = regionZone(input.regencyCode);
  const agencyName = (id: string | null) => (id ? (input.agencies.find((a) => a.id === id)?.name ?? id) : "");
  const final = !!forum.minutesFinalisedAt;
  return {
    title: forum.title.toUpperCase(),
    numberLine: `NOMOR: ${forum.minutesNumber ?? "(belum bernomor: berita acara belum difinalkan)"}`,
    opening: `${ceremonialDate(forum.heldAt, zone)}, pukul ${formatDateTime(forum.heldAt, zone).split(" pukul ")[1]}, bertempat di ${forum.place}, telah dilaksanakan ${forum.title} ${input.regencyName} untuk tahun rencana ${forum.year}, yang dihadiri oleh peserta sebagaimana tercantum dalam daftar di bawah ini. Setelah membahas usulan yang tumpang tindih antarperangkat daerah, forum menyepakati hal-hal sebagai berikut.`,
    decisions: forum.agenda.map((item) => ({
      no: String(item.position),
      proposals: item.proposals.map((p) => `${p.trackingCode} ${p.activity}`).join("; "),
      pagu: rupiah(item.budgetAtStake),
      decision: decisionText(item, agencyName),
    })),
    followUps: forum.followUps.map((f) => ({ description: f.description, agency: agencyName(f.ownerAgencyId), due: formatCalendarDate(f.dueDate), status: FOLLOW_UP_STATUS_LABELS[f.status] ?? f.status })),
    closing: "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya, dan ditandatangani oleh para peserta.",
    signedAtLine: `${input.place}, ${formatDate(forum.minutesFinalisedAt ?? forum.heldAt, zone)}`,
    attendees: forum.attendees.map((a, i) => ({
      no: String(i + 1),
      name: a.name,
      role: [a.position, agencyName(a.agencyId)].filter(Boolean).join(", "),
      signedNote: a.signedAt ? `Disetujui ${a.signedVia === "link" ? "melalui tautan" : "melalui akun"} ${formatDateTime(a.signedAt, zone)}` : null,
    })),
    draft: !final,
  };
}
