/** The XLSX tests read workbooks with the importer's own reader (shared/files/unzip.ts). */
export { text, unzip } from "../../shared/files/unzip.ts";
