/** Keyset page cursors: the sort key of a page's last row, opaque to callers. */
import { invalidInput } from "../usecases/errors.ts";

export const encodeCursor = (first: string, id: string) => btoa(`${first}|${id}`);

/** The two parts of a cursor from a previous page; a cursor that is not one is a field error. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const [first, id] = atob(cursor).split("|");
    if (first && id) return [first, id];
  } catch {
    // fall through to the refusal below
  }
  throw invalidInput([{ path: "cursor", code: "format", message: "Kursor tidak sah." }]);
}
