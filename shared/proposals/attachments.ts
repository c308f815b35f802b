/**
 * What a proposal may carry: up to 5 photos or PDFs (RAB, proposal letter), each up to 10 MB. The type is read
 * from the file's first bytes, not from what the browser claims, so a renamed executable is refused.
 */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What a file field offers to pick: the types we take. */
export const ATTACHMENT_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

const SIGNATURES: { type: string; bytes: number[]; offset?: number }[] = [
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/webp", bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

/** The accepted type of a file by its leading bytes, or null when it is not an image or PDF we take. */
export function sniffAttachmentType(head: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    const offset = signature.offset ?? 0;
    if (signature.bytes.every((byte, i) => head[offset + i] === byte)) {
      if (signature.type === "image/webp" && String.fromCharCode(...head.slice(0, 4)) !== "RIFF") continue;
      return signature.type;
    }
  }
  return null;
}

/** A filename safe to show and to put in an R2 key: no paths, no control characters, bounded. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]/gu, "_").replace(/\s+/g, " ").trim().slice(-120);
  return cleaned || "lampiran";
}
