/** Looking up a sub-activity code by words or by code. */
import type { Principal } from "../../shared/access/roles.ts";
import { Layout } from "./layout.tsx";

export interface SubActivityHit {
  code: string;
  name: string;
  kegiatanName: string;
  unit: string | null;
}

export function SubActivitySearchPage(props: { principal?: Principal | undefined; csrfToken?: string | undefined; query: string; results: readonly SubActivityHit[] }) {
  return (
    <Layout title="Cari kode sub kegiatan" principal={props.principal} csrfToken={props.csrfToken}>
      <h1>Cari kode sub kegiatan</h1>
      <form method="get" action="/kode-kegiatan">
        <label for="q">Kata kunci atau kode</label>
        <input id="q" name="q" value={props.query} placeholder="mis. drainase, posyandu, 1.03.06" />
        <button type="submit">Cari</button>
      </form>
      {props.query.length >= 2 && props.results.length === 0 ? <p>Tidak ada yang cocok.</p> : null}
      <table>
        <tbody>
          {props.results.map((r) => (
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
    </Layout>
  );
}
