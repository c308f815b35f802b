import { RouteGroup } from "../route.ts";
import * as handlers from "./budget-scenarios.handlers.ts";
import * as routes from "./budget-scenarios.routes.ts";

// Fixed paths (compare) before the ones with an id, so "compare" is never read as a scenario id.
export const budgetScenarioRoutes = new RouteGroup()
  .add(routes.createScenario, handlers.createScenario)
  .add(routes.listScenarios, handlers.listScenarios)
  .add(routes.compareScenarios, handlers.compareScenarios)
  .add(routes.compareXlsx, handlers.compareXlsx)
  .add(routes.getScenario, handlers.getScenario)
  .add(routes.editScenario, handlers.editScenario)
  .add(routes.runScenario, handlers.runScenario)
  .add(routes.scenarioOutcomes, handlers.scenarioOutcomes)
  .add(routes.scenarioVillages, handlers.scenarioVillages)
  .add(routes.scenarioXlsx, handlers.scenarioXlsx)
  .add(routes.applyScenario, handlers.applyScenario);
