import { exportFilename } from "../../storage/exports.ts";
import * as exports from "../../usecases/exports/renja.ts";
import { contentDisposition } from "../content-disposition.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./exports.routes.ts";

export const exportRenja: RouteHandler<typeof routes.exportRenja> = async (c, { query }) => {
  const result = await exports.exportRenja(deps(c), caller(c), query);
  if (result.kind === "background") {
    c.header("Location", `/api/v1/exports/${result.snapshot.id}`);
    return c.json(result.snapshot, 202);
  }
  return c.body(result.bytes.slice().buffer, 200, {
    "content-type": exports.CONTENT_TYPES[result.snapshot.format],
    "content-disposition": contentDisposition("attachment", exportFilename(result.snapshot)),
    "x-export-id": result.snapshot.id,
    "x-export-rows": String(result.snapshot.rowCount),
  });
};

export const exportStatus: RouteHandler<typeof routes.exportStatus> = async (c, { params }) => c.json(await exports.exportStatus(deps(c), caller(c), params), 200);

export const exportDownload: RouteHandler<typeof routes.exportDownload> = async (c, { params, query }) => {
  const file = await exports.downloadExport(deps(c), caller(c), { id: params.id, ...query });
  return c.body(file.body, 200, { "content-type": file.contentType, "content-disposition": contentDisposition("attachment", exportFilename(file.row)) });
};
