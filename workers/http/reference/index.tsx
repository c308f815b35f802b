/** Reference data people look things up in: the sub-activity nomenclature, as JSON and as a page. */
import { Hono } from "hono";
import { SubActivitySearchSchema } from "../../../shared/schemas/reference.ts";
import { Layout } from "../../pages/layout.tsx";
import { database } from "../../storage/database.ts";
import { searchSubActivities } from "../../storage/nomenclature.ts";
import type { AppEnv } from "../context.ts";
import { validate } from "../validation.ts";
import { searchSubActivitiesRoute } from "./reference.routes.ts";

export const referenceRoutes = new Hono<AppEnv>()
  .get("/api/v1/sub-activities", searchSubActivitiesRoute, validate("query", SubActivitySearchSchema), async (c) =>
    c.json({ subActivities: await searchSubActivities(database(c.env.DB), c.req.valid("query").q) }, 200),
  )
  .get("/kode-kegiatan", async (c) => {
    const q = (c.req.query("q") ?? "").trim().slice(0, 100);
    const results = q.length >= 2 ? await searchSubActivities(database(c.env.DB), q) : [];
    return c.html(
      <Layout title="Cari kode sub kegiatan" principal={c.get("principal")} csrfToken={c.get("session")?.csrfToken}>
        <h1>Cari kode sub kegiatan</h1>
        <form method="get" action="/kode-kegiatan">
          <label for="q">Kata kunci atau kode</label>
          <input id="q" name="q" value={q} placeholder="mis. drainase, posyandu, 1.03.06" />
          <button type="submit">Cari</button>
        </form>
        {q.length >= 2 && results.length === 0 ? <p>Tidak ada yang cocok.</p> : null}
        <table>
          <tbody>
            {results.map((r) => (
              <tr>
                <td>
                  <code>{r.code}</code>
                </td>
                <td>
                  {r.name}
                  <br />
                  <small>
                    {r.kegiatanName} · satuan: {r.unit ?? "-"}
                  </small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
