/** The berita acara as an A4 PDF: letterhead, title and number, the opening in words, decisions, follow-ups, signatures. */
import type { MinutesDocument } from "../forum/minutes.ts";
import { Drawing, type Letterhead } from "./pdf.ts";

export async function minutesPdf(document: MinutesDocument, letterhead: Letterhead, at: Date): Promise<Uint8Array> {
  const d = await Drawing.create({ title: `Berita Acara ${document.title}`, footer: `Berita Acara ${document.numberLine.replace("NOMOR: ", "")}`, at });
  await d.letterhead(letterhead);
  d.centred([
    { text: "BERITA ACARA", size: 13, bold: true },
    { text: document.title, size: 11.5, bold: true },
    { text: document.numberLine, size: 10.5 },
  ]);
  if (document.draft) d.centred([{ text: "KONSEP: belum difinalkan, belum dapat ditandatangani", size: 9, bold: true }]);
  d.y -= 8;
  d.paragraph(document.opening, { after: 8 });
  d.paragraph("A. Keputusan atas butir agenda", { bold: true });
  d.table(
    [
      { header: "No", width: 28, align: "center" },
      { header: "Usulan", width: 190 },
      { header: "Pagu (Rp)", width: 80, align: "right" },
      { header: "Keputusan", width: 190 },
    ],
    document.decisions.length ? document.decisions.map((r) => ({ cells: [r.no, r.proposals, r.pagu, r.decision] })) : [{ cells: ["", "NIHIL", "", ""] }],
  );
  d.paragraph("B. Rencana tindak lanjut", { bold: true });
  d.table(
    [
      { header: "Tindak lanjut", width: 200 },
      { header: "Perangkat Daerah", width: 140 },
      { header: "Tenggat", width: 80 },
      { header: "Status", width: 70 },
    ],
    document.followUps.length ? document.followUps.map((r) => ({ cells: [r.description, r.agency, r.due, r.status] })) : [{ cells: ["NIHIL", "", "", ""] }],
  );
  d.paragraph(document.closing, { after: 10 });
  d.ensure(40);
  d.paragraph(document.signedAtLine, { align: "right", after: 6 });
  d.paragraph("C. Peserta dan tanda tangan", { bold: true });
  d.table(
    [
      { header: "No", width: 28, align: "center" },
      { header: "Nama", width: 150 },
      { header: "Jabatan / Instansi", width: 170 },
      { header: "Tanda Tangan", width: 140 },
    ],
    // Room for a wet signature in every row; an electronic sign-off is noted small under it.
    document.attendees.map((a) => ({ cells: [a.no, a.name, a.role, `${a.no}.`], minHeight: 46, ...(a.signedNote ? { footnote: a.signedNote } : {}) })),
  );
  return d.save();
}
