/**
 * Content-Disposition for a file with any name (RFC 6266): header values are bytes, so a name beyond printable
 * ASCII goes out percent-encoded as `filename*=UTF-8''…` (RFC 5987), which browsers prefer, after a plain ASCII
 * `filename="…"` for clients that read only that.
 */

/** Printable ASCII without the quote and backslash a quoted-string would need escaped; accents dropped, "Ⅱ" → "II". */
function asciiFallback(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
}

/** RFC 5987 attr-char keeps ALPHA DIGIT !#$&+-.^_`|~; encodeURIComponent also leaves '()* alone. */
const extendedValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

export function contentDisposition(kind: "inline" | "attachment", filename: string): string {
  const fallback = asciiFallback(filename);
  return fallback === filename ? `${kind}; filename="${filename}"` : `${kind}; filename="${fallback}"; filename*=UTF-8''${extendedValue(filename)}`;
}
