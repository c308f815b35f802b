import { proposalView } from "../../storage/proposals.ts";
import * as musrenbang from "../../usecases/districts/musrenbang.ts";
import { caller, deps } from "../context.ts";
import type { RouteHandler } from "../route.ts";
import type * as routes from "./districts.routes.ts";

export const districtList: RouteHandler<typeof routes.districtList> = async (c, { params, query }) =>
  c.json((await musrenbang.districtList(deps(c), caller(c), { districtCode: params.district, year: query.year })).list, 200);

export const closeDistrictList: RouteHandler<typeof routes.closeDistrictList> = async (c, { params, json }) => {
  const closed = await musrenbang.closeDistrictList(deps(c), caller(c), { districtCode: params.district, year: json.year });
  return c.json({ closedAt: closed.closedAt }, closed.alreadyClosed ? 200 : 201);
};

export const rankInDistrict: RouteHandler<typeof routes.rankInDistrict> = async (c, { params, json }) =>
  c.json({ proposals: (await musrenbang.rankInDistrict(deps(c), caller(c), { id: params.id, rank: json.rank })).map((p) => proposalView(p)) }, 200);

export const recommendInDistrict: RouteHandler<typeof routes.recommendInDistrict> = async (c, { params, json }) =>
  c.json(await musrenbang.recommendInDistrict(deps(c), caller(c), { id: params.id, recommendation: json }), 200);
