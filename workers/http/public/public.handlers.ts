import { LICENCE, PUBLIC_SCHEMA_VERSION, publicCsv as csvOf, publicDocument } from "../../../shared/public/account.ts";
import { CSV_CONTENT_TYPE } from "../../../shared/renja/csv.ts";
import { publicAccount, publicCode, publicYear } from "../../usecases/public/account.ts";
import { contentDisposition } from "../content-disposition.ts";
import { deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import { cachedPublic } from "./cache.ts";
import type * as routes from "./public.routes.ts";

/** Headers every open-data file carries: its schema version and licence. */
const openDataHeaders = (type: string, filename: string) => ({
  "Content-Type": type,
  "Content-Disposition": contentDisposition("attachment", filename),
  "X-Schema-Version": String(PUBLIC_SCHEMA_VERSION),
  Link: `<${LICENCE.url}>; rel="license"`,
  "X-Licence": LICENCE.name,
});

/** The file's data in Indonesian, whatever the caller's language: one stable file per year and kabupaten. */
const file = (format: "csv" | "json"): RouteHandler<typeof routes.publicCsv | typeof routes.publicJson> => async (c, { params }) => {
  const year = publicYear(params.year);
  const regency = publicCode("regency", params.regency);
  return cachedPublic(c, `v${PUBLIC_SCHEMA_VERSION}/file/${year}/${regency}.${format}`, async () => {
    const account = await publicAccount(deps(c), year, { level: "regency", code: regency }, "id");
    const filename = `musrenbang-publik-v${PUBLIC_SCHEMA_VERSION}-${year}-${account.regency.code}.${format}`;
    return format === "csv"
      ? new Response(csvOf(account.records), { headers: openDataHeaders(CSV_CONTENT_TYPE, filename) })
      : new Response(JSON.stringify(publicDocument(account.regency, year, account.records)), { headers: openDataHeaders("application/json; charset=utf-8", filename) });
  });
};

export const publicCsv = file("csv");
export const publicJson: RouteHandler<typeof routes.publicJson> = file("json");
