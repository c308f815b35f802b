/**
 * Multi-row upserts as self-contained SQL text, so the same statements can be run by
 * `wrangler d1 execute --file` (local or remote) and by `db.batch()` in tests. Values are inlined as SQL
 * literals (no bound parameters: D1 allows 100 per statement) and statements stay under D1's 100 KB limit.
 */
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";

const MAX_STATEMENT_BYTES = 90_000;

export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Nilai angka tidak sah untuk SQL: ${value}`);
    return String(value);
  }
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`Jenis nilai tidak didukung untuk SQL: ${typeof value}`);
}

export interface UpsertOptions {
  /** On a conflict with an existing row: refresh it from the new values, or keep it as it is. */
  onConflict: "update" | "ignore";
}

/** `INSERT ... ON CONFLICT` statements for `rows`, keyed by the table's drizzle property names. */
export function upsertStatements<T extends SQLiteTable>(
  table: T,
  rows: readonly T["$inferInsert"][],
  { onConflict }: UpsertOptions,
): string[] {
  if (rows.length === 0) return [];
  const config = getTableConfig(table);
  // Columns given in any row, as [drizzle property name, SQL column name]; the others keep their defaults.
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = Object.entries(getTableColumns(table))
    .filter(([property]) => given.has(property))
    .map(([property, column]) => [property, column.name] as const);
  const keyColumns = conflictTarget(config);
  const head = `INSERT INTO "${config.name}" (${columns.map(([, name]) => `"${name}"`).join(", ")}) VALUES `;
  const updates = columns
    .filter(([, name]) => !keyColumns.includes(name))
    .map(([, name]) => `"${name}" = excluded."${name}"`);
  const tail =
    onConflict === "update" && updates.length > 0
      ? ` ON CONFLICT (${keyColumns.map((c) => `"${c}"`).join(", ")}) DO UPDATE SET ${updates.join(", ")};`
      : " ON CONFLICT DO NOTHING;";

  const statements: string[] = [];
  let values: string[] = [];
  let size = 0;
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const tuple = `(${columns.map(([property]) => sqlLiteral(record[property])).join(", ")})`;
    if (size + tuple.length > MAX_STATEMENT_BYTES && values.length > 0) {
      statements.push(head + values.join(", ") + tail);
      values = [];
      size = 0;
    }
    values.push(tuple);
    size += tuple.length + 2;
  }
  statements.push(head + values.join(", ") + tail);
  return statements;
}

function conflictTarget(config: ReturnType<typeof getTableConfig>): string[] {
  const primary = config.columns.filter((c) => c.primary).map((c) => c.name);
  if (primary.length > 0) return primary;
  const composite = config.primaryKeys[0];
  if (!composite) throw new Error(`Tabel ${config.name} tidak punya primary key`);
  return composite.columns.map((c) => c.name);
}

/** A statement built with bound parameters (drizzle's `toSQL()`), as self-contained SQL text. */
export function inlineSql({ sql, params }: { sql: string; params: readonly unknown[] }): string {
  let next = 0;
  // `?` outside quoted identifiers and string literals is a parameter.
  const text = sql.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'|\?/g, (token) => (token === "?" ? sqlLiteral(params[next++]) : token));
  if (next !== params.length) throw new Error(`SQL punya ${next} parameter, diberi ${params.length}`);
  return text;
}
