/** The Worker: HTTP (API, forms, docs), and the workflow classes it hosts. */
import { createApp } from "./http/app.tsx";
import type { Env } from "./env.ts";

export { ProposalLifecycle } from "./workflows/proposal-lifecycle.ts";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
