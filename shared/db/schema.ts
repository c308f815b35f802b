/**
 * The D1 schema: the single source of truth. `npm run db:generate` turns changes here into a new SQL migration
 * in `migrations/` (drizzle-kit); never edit an applied migration.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** Kemendagri administrative regions: province (18), regency (18.01), district (18.01.02), village (18.01.02.2001). */
export const regions = sqliteTable(
  "regions",
  {
    code: text("code").primaryKey(),
    level: text("level", { enum: ["province", "regency", "district", "village"] }).notNull(),
    /** kabupaten/kota for regencies, desa/kelurahan for villages; null for the other levels. */
    kind: text("kind", { enum: ["kabupaten", "kota", "desa", "kelurahan"] }),
    parentCode: text("parent_code"),
    name: text("name").notNull(),
  },
  (t) => [index("regions_parent_idx").on(t.parentCode, t.name)],
);

/** An OPD of one kabupaten/kota. */
export const agencies = sqliteTable(
  "agencies",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code")
      .notNull()
      .references(() => regions.code),
    /** Short name used in speech and on screens, e.g. DINKES, PUPR. */
    shortName: text("short_name").notNull(),
    name: text("name").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agencies_regency_short_name_idx").on(t.regencyCode, t.shortName)],
);

/**
 * Which agency of a kabupaten carries which codes: a bidang urusan (U.BB, e.g. 1.02 health) or, where a kabupaten
 * splits a bidang between agencies, a program (U.BB.PP, e.g. 1.05.03 disaster management to BPBD). The longest
 * matching prefix of a sub-activity code names its agency; this is what routes proposals.
 */
export const agencyResponsibilities = sqliteTable(
  "agency_responsibilities",
  {
    regencyCode: text("regency_code").notNull(),
    codePrefix: text("code_prefix").notNull(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.regencyCode, t.codePrefix] }),
    index("agency_responsibilities_agency_idx").on(t.agencyId),
  ],
);

/** The sub-activity nomenclature (Kepmendagri, SIPD export), code U.BB.PP.K.KK.SSSS. */
export const subActivities = sqliteTable(
  "sub_activities",
  {
    code: text("code").primaryKey(),
    /** PROV or KABKOT: which level of government may use the code. */
    governmentLevel: text("government_level", { enum: ["PROV", "KABKOT"] }).notNull(),
    bidangCode: text("bidang_code").notNull(),
    bidangName: text("bidang_name").notNull(),
    programCode: text("program_code").notNull(),
    programName: text("program_name").notNull(),
    kegiatanCode: text("kegiatan_code").notNull(),
    kegiatanName: text("kegiatan_name").notNull(),
    name: text("name").notNull(),
    performance: text("performance"),
    indicator: text("indicator"),
    unit: text("unit"),
    implementer: text("implementer"),
    spm: integer("spm", { mode: "boolean" }).notNull().default(false),
    kind: text("kind"),
    previousCode: text("previous_code"),
    definition: text("definition"),
  },
  (t) => [index("sub_activities_bidang_idx").on(t.bidangCode), index("sub_activities_kegiatan_idx").on(t.kegiatanCode)],
);

/**
 * A proposal (usulan) and where it stands: a village's, a DPRD member's pokir or a thematic group's (`channel`,
 * shared/proposals/channels.ts). `village_code` is the place it sits: the desa, or for a kecamatan-wide or
 * kabupaten-wide line (`location_level`) the kecamatan's or the kabupaten's region code (a region all the same, so
 * the reference holds); read a desa through `villageOf` (workers/storage/proposals.ts).
 */
export const proposals = sqliteTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    /** Public tracking code shown to the village, e.g. USL-2027-7K3QX9. */
    trackingCode: text("tracking_code").notNull().unique(),
    year: integer("year").notNull(),
    regencyCode: text("regency_code").notNull(),
    districtCode: text("district_code").notNull(),
    villageCode: text("village_code")
      .notNull()
      .references(() => regions.code),
    problem: text("problem").notNull(),
    activity: text("activity").notNull(),
    description: text("description"),
    address: text("address"),
    rt: text("rt"),
    rw: text("rw"),
    latitude: real("latitude"),
    longitude: real("longitude"),
    volume: real("volume").notNull(),
    unit: text("unit").notNull(),
    /** Perkiraan biaya, whole rupiah. */
    estimatedCost: integer("estimated_cost").notNull(),
    beneficiaryCount: integer("beneficiary_count"),
    beneficiaryGroup: text("beneficiary_group"),
    subActivityCode: text("sub_activity_code").references(() => subActivities.code),
    /** Sumber dana the village proposes (shared/renja/funding.ts); the agency's decision may set another. */
    fundingSource: text("funding_source"),
    villageRank: integer("village_rank"),
    districtRank: integer("district_rank"),
    stage: text("stage").notNull(),
    status: text("status").notNull(),
    /** Set when the lifecycle workflow failed for good; Bappeda sees it and can retry. */
    lifecycleError: text("lifecycle_error"),
    /** When the lifecycle's first step ran: until then the cron's reconciler (re)starts it, however old the proposal. */
    lifecycleStartedAt: text("lifecycle_started_at"),
    createdBy: text("created_by").notNull(),
    /**
     * A hash of what was submitted (shared/proposals/content.ts): the same content sent again by the same account
     * within a short window is the same proposal (a back button and a second tap on "Kirim"), not a new one.
     */
    contentHash: text("content_hash"),
    /** desa, pokir or tematik (shared/proposals/channels.ts); every proposal before channels came is desa. */
    channel: text("channel", { enum: ["desa", "pokir", "tematik"] }).notNull().default("desa"),
    /** desa, kecamatan or kabupaten: how wide the place in `village_code` is. */
    locationLevel: text("location_level", { enum: ["desa", "kecamatan", "kabupaten"] }).notNull().default("desa"),
    /** The thematic Musrenbang's theme (perempuan, anak, disabilitas, lansia, pemuda); null for the other channels. */
    theme: text("theme"),
    /** The thematic group's own name as it signed the proposal, e.g. "Forum Perempuan Lampung Selatan". */
    proposerGroup: text("proposer_group"),
    /** The spreadsheet import (proposal_imports) that created it and its row in that file; null for the form and API. */
    importId: text("import_id"),
    importRow: integer("import_row"),
    /** The last year's proposal this one carries over (kept or changed by the village): its lineage. */
    carriedFrom: text("carried_from"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("proposals_channel_idx").on(t.regencyCode, t.year, t.channel, t.theme),
    // One proposal per row of a file: a part of an import written twice fails instead of doubling.
    uniqueIndex("proposals_import_row_idx").on(t.importId, t.importRow).where(sql`${t.importId} IS NOT NULL`),
    index("proposals_scope_idx").on(t.regencyCode, t.year, t.createdAt, t.id),
    index("proposals_content_idx").on(t.createdBy, t.contentHash, t.createdAt),
    index("proposals_district_idx").on(t.districtCode, t.year),
    index("proposals_village_idx").on(t.villageCode, t.year, t.villageRank),
    index("proposals_status_idx").on(t.regencyCode, t.status),
    // The cron's questions across all kabupaten: proposals in a status, oldest change first; lifecycles never started.
    index("proposals_lifecycle_idx").on(t.status, t.updatedAt),
    index("proposals_unstarted_idx").on(t.createdAt).where(sql`${t.lifecycleStartedAt} IS NULL`),
    index("proposals_carried_from_idx").on(t.carriedFrom).where(sql`${t.carriedFrom} IS NOT NULL`),
  ],
);

/** The members of a kabupaten's DPRD (anggota DPRD), whose pokir the DPRD secretariat (Setwan) enters for them. */
export const dprdMembers = sqliteTable(
  "dprd_members",
  {
    /** e.g. 18.01-dprd-03: the scope of the member's own account. */
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    name: text("name").notNull(),
    /** Fraksi, e.g. "PDI Perjuangan". */
    fraksi: text("fraksi").notNull(),
    /** Daerah pemilihan, e.g. "Dapil 2 (Kalianda, Rajabasa)". */
    dapil: text("dapil").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("dprd_members_regency_idx").on(t.regencyCode, t.name)],
);

/**
 * What a pokir carries beside the proposal: the member (name, fraksi and dapil as they were when it was entered)
 * and the reses it came from. A pokir is never deleted; withdrawing it is a status with a reason.
 */
export const pokir = sqliteTable(
  "pokir",
  {
    proposalId: text("proposal_id")
      .primaryKey()
      .references(() => proposals.id),
    memberId: text("member_id")
      .notNull()
      .references(() => dprdMembers.id),
    memberName: text("member_name").notNull(),
    fraksi: text("fraksi").notNull(),
    dapil: text("dapil").notNull(),
    /** The reses (recess meeting) it was gathered at: its date (YYYY-MM-DD) and place. */
    resesDate: text("reses_date").notNull(),
    resesPlace: text("reses_place").notNull(),
  },
  (t) => [index("pokir_member_idx").on(t.memberId)],
);

/**
 * The village's one choice about a proposal offered again the next year (shared/proposals/carry-over.ts): kept
 * (or changed) as `proposalId`, or dropped. One row per offered proposal: once chosen it is never offered again.
 */
export const carryOverChoices = sqliteTable("carry_over_choices", {
  fromProposalId: text("from_proposal_id")
    .primaryKey()
    .references(() => proposals.id),
  choice: text("choice", { enum: ["kept", "dropped"] }).notNull(),
  proposalId: text("proposal_id"),
  decidedBy: text("decided_by").notNull(),
  createdAt: createdAt(),
});

/** One unit of work for a person: a kecamatan verification, an agency review, or a Bappeda triage. */
export const reviewTasks = sqliteTable(
  "review_tasks",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    kind: text("kind", { enum: ["verification", "agency_review", "triage"] }).notNull(),
    /** Owning agency for agency reviews; null for verification (kecamatan) and triage (Bappeda). */
    agencyId: text("agency_id").references(() => agencies.id),
    regencyCode: text("regency_code").notNull(),
    /** The queue the task sits in: the agency id, the kecamatan code (verification) or the kabupaten code (triage). */
    queueKey: text("queue_key").notNull(),
    status: text("status", { enum: ["open", "claimed", "decided", "cancelled"] }).notNull(),
    assignee: text("assignee"),
    dueAt: text("due_at").notNull(),
    decision: text("decision"),
    decisionReason: text("decision_reason"),
    /** JSON: the changes of an "accepted with changes", the proposal a "merged" went into, triage codes. */
    decisionData: text("decision_data"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
    remindedAt: text("reminded_at"),
    /** Set when the deadline passed twice: the task then also shows on Bappeda's escalation list. */
    escalatedAt: text("escalated_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("review_tasks_once_idx").on(t.proposalId, t.kind, t.queueKey),
    index("review_tasks_queue_idx").on(t.queueKey, t.status, t.dueAt, t.id),
  ],
);

/** Append-only record of every state change: who did what to which entity, and when. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdAt: createdAt(),
    regencyCode: text("regency_code"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** JSON details of the change. */
    data: text("data"),
    /** Set by retried steps (workflow, queue) so a retry records its change once. */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [index("audit_events_entity_idx").on(t.entityType, t.entityId, t.id), uniqueIndex("audit_events_dedupe_idx").on(t.dedupeKey)],
);

/** People who sign in: one role, one scope (see shared/access/roles.ts). */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    /** PBKDF2-SHA256 hash with its salt and iteration count (shared/access/password.ts); never leaves the server. */
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    /** The kabupaten/kota whose data the account may ever see. */
    regencyCode: text("regency_code").notNull(),
    /** Village code, district code, agency id or regency code, by role. */
    scopeCode: text("scope_code").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    disabledAt: text("disabled_at"),
  },
  (t) => [index("accounts_regency_idx").on(t.regencyCode, t.role)],
);

/** Signed-in browser sessions. Only a hash of the cookie value is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** Token every form post and cookie-authenticated API write must echo back. */
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
);

/** Machine credentials (Authorization: Bearer). Shown once at creation; only a hash is stored. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    regencyCode: text("regency_code").notNull(),
    scopeCode: text("scope_code").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    lastUsedAt: text("last_used_at"),
  },
  (t) => [index("api_tokens_regency_idx").on(t.regencyCode)],
);

/** Failed sign-ins per account and per address within a window, for throttling. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: text("window_started_at").notNull(),
});

/** Photos and documents of a proposal; the bytes live in R2 under `r2Key`. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    r2Key: text("r2_key").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_proposal_idx").on(t.proposalId)],
);

/**
 * Responses to writes made with an Idempotency-Key (or a form's one-time token), kept so a retry gets the
 * original answer. Written in the same batch as the change itself, so a key exists only if the change does.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    principalId: text("principal_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.key] })],
);

/** The sub-activity codes a proposal maps to: chosen by the village, suggested from its text, or corrected. */
export const proposalClassifications = sqliteTable(
  "proposal_classifications",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    subActivityCode: text("sub_activity_code")
      .notNull()
      .references(() => subActivities.code),
    source: text("source", { enum: ["village", "suggested", "corrected"] }).notNull(),
    score: real("score").notNull(),
    /** Why, in words a planner reads: "kata kunci sama: drainase, saluran". */
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.subActivityCode] })],
);

/** Queue messages that exhausted their retries, kept where Bappeda sees and can replay them. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    regencyCode: text("regency_code"),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: createdAt(),
    replayedAt: text("replayed_at"),
    replayedBy: text("replayed_by"),
  },
  (t) => [
    index("dead_letters_queue_idx").on(t.queue, t.replayedAt),
    // The cron asks whether a proposal's routing message waits here for Bappeda's replay.
    index("dead_letters_waiting_proposal_idx").on(sql`json_extract(${t.body}, '$.proposalId')`).where(sql`${t.replayedAt} IS NULL`),
  ],
);

/** Where an agency's own system wants to hear about work waiting for it. */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    regencyCode: text("regency_code").notNull(),
    url: text("url").notNull(),
    /** JSON array of subscribed event types (shared/webhooks/events.ts). */
    eventTypes: text("event_types").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_endpoints_agency_idx").on(t.agencyId, t.active)],
);

/**
 * An agency's signing secrets (Standard Webhooks `whsec_`), used to sign what we send and to verify what it
 * sends. Rotation adds a new secret and gives the old one an expiry: both are valid until then.
 */
export const webhookSecrets = sqliteTable(
  "webhook_secrets",
  {
    id: text("id").primaryKey(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    secret: text("secret").notNull(),
    createdAt: createdAt(),
    expiresAt: text("expires_at"),
  },
  (t) => [index("webhook_secrets_agency_idx").on(t.agencyId)],
);

/** One event for one endpoint, and how its delivery is going. The id is the `webhook-id` the receiver sees. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    regencyCode: text("regency_code").notNull(),
    eventType: text("event_type").notNull(),
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed", "dead"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    lastLatencyMs: integer("last_latency_ms"),
    createdAt: createdAt(),
    deliveredAt: text("delivered_at"),
  },
  (t) => [index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt), index("webhook_deliveries_status_idx").on(t.status)],
);

/** Every delivery attempt: the log Bappeda and the agency read when something does not arrive. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer("attempt").notNull(),
    at: text("at").notNull(),
    status: integer("status"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);

/**
 * The candidate index of overlap detection: each proposal's LSH band keys (shared/overlap/minhash.ts), so a
 * check looks up proposals sharing a band instead of scanning every proposal.
 */
export const overlapBuckets = sqliteTable(
  "overlap_buckets",
  {
    /** bandKeyNumber() of a band key scoped by desa and year. */
    bandKey: integer("band_key").notNull(),
    proposalId: text("proposal_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.proposalId] })],
);

/** Two proposals that plan the same thing: for the forum (cross-agency) or the reviewer (duplicate). */
export const overlapFlags = sqliteTable(
  "overlap_flags",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    /** The pair, smaller id first, so a pair has one flag. */
    proposalA: text("proposal_a").notNull(),
    proposalB: text("proposal_b").notNull(),
    kind: text("kind", { enum: ["cross_agency", "duplicate"] }).notNull(),
    score: real("score").notNull(),
    /** JSON array of reasons in words a planner reads. */
    reasons: text("reasons").notNull(),
    status: text("status", { enum: ["open", "dismissed", "resolved"] }).notNull(),
    /** The smallest proposal id of the connected flags: the unit on a forum agenda. */
    clusterId: text("cluster_id").notNull(),
    dismissedReason: text("dismissed_reason"),
    dismissedBy: text("dismissed_by"),
    createdAt: createdAt(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("overlap_flags_pair_idx").on(t.proposalA, t.proposalB),
    index("overlap_flags_scope_idx").on(t.regencyCode, t.year, t.status, t.clusterId),
    index("overlap_flags_b_idx").on(t.proposalB),
  ],
);

/** A Forum Lintas Perangkat Daerah: Bappeda gathers the agencies to settle what overlaps. */
export const forums = sqliteTable(
  "forums",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    heldAt: text("held_at").notNull(),
    place: text("place").notNull(),
    /** Whole kabupaten, some kecamatan (JSON array in scopeDistricts), or a theme such as stunting. */
    scopeKind: text("scope_kind", { enum: ["kabupaten", "districts", "theme"] }).notNull(),
    scopeDistricts: text("scope_districts"),
    theme: text("theme"),
    status: text("status", { enum: ["planned", "closed"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    /**
     * Set when Bappeda finalises the minutes (berita acara): from then on the agenda, attendees and follow-ups stay
     * as signed, and the minutes carry their number: the kabupaten's next sequence number of the meeting's year.
     */
    minutesFinalisedAt: text("minutes_finalised_at"),
    minutesYear: integer("minutes_year"),
    minutesSeq: integer("minutes_seq"),
    minutesNumber: text("minutes_number"),
  },
  (t) => [index("forums_regency_idx").on(t.regencyCode, t.year), uniqueIndex("forums_minutes_number_idx").on(t.regencyCode, t.minutesYear, t.minutesSeq)],
);

/** One item on a forum's agenda: an overlap cluster, or proposals Bappeda added by hand. */
export const forumAgendaItems = sqliteTable(
  "forum_agenda_items",
  {
    id: text("id").primaryKey(),
    forumId: text("forum_id")
      .notNull()
      .references(() => forums.id),
    clusterId: text("cluster_id"),
    /** JSON array of proposal ids. */
    proposalIds: text("proposal_ids").notNull(),
    position: integer("position").notNull(),
    budgetAtStake: integer("budget_at_stake").notNull(),
    status: text("status", { enum: ["open", "decided", "dropped"] }).notNull(),
    /** The decision: lead_agency, merged, split, kept_separate or rejected, and its details (JSON). */
    decision: text("decision"),
    decisionData: text("decision_data"),
    decidedBy: text("decided_by"),
    decidedAt: text("decided_at"),
  },
  (t) => [index("forum_agenda_forum_idx").on(t.forumId, t.position)],
);

/** Who attended, in what position for which agency, and when they signed the minutes. */
export const forumAttendees = sqliteTable(
  "forum_attendees",
  {
    id: text("id").primaryKey(),
    forumId: text("forum_id")
      .notNull()
      .references(() => forums.id),
    name: text("name").notNull(),
    position: text("position").notNull(),
    agencyId: text("agency_id").references(() => agencies.id),
    /** The attendee's own account: signed in, they sign for themselves. */
    accountId: text("account_id").references(() => accounts.id),
    signedAt: text("signed_at"),
    /** How they signed: their own session, or the one-time link Bappeda sent them. */
    signedVia: text("signed_via", { enum: ["session", "link"] }),
    /** SHA-256 of the one-time signing link's token, and when the link expires; cleared when used. */
    signTokenHash: text("sign_token_hash"),
    signTokenExpiresAt: text("sign_token_expires_at"),
  },
  (t) => [index("forum_attendees_forum_idx").on(t.forumId)],
);

/** Rencana tindak lanjut: what an agency committed to at a forum, monitored until done. */
export const followUpActions = sqliteTable(
  "follow_up_actions",
  {
    id: text("id").primaryKey(),
    forumId: text("forum_id")
      .notNull()
      .references(() => forums.id),
    agendaItemId: text("agenda_item_id"),
    regencyCode: text("regency_code").notNull(),
    ownerAgencyId: text("owner_agency_id")
      .notNull()
      .references(() => agencies.id),
    description: text("description").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: ["open", "in_progress", "done"] }).notNull(),
    /** JSON array of { at, by, note }. */
    notes: text("notes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("follow_up_owner_idx").on(t.ownerAgencyId, t.status, t.dueDate), index("follow_up_regency_idx").on(t.regencyCode, t.status, t.dueDate)],
);

/** Pagu indikatif: the budget a kabupaten sets per agency and per kecamatan for a year. */
export const budgetEnvelopes = sqliteTable(
  "budget_envelopes",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    kind: text("kind", { enum: ["agency", "district"] }).notNull(),
    /** The agency id or the kecamatan code. */
    target: text("target").notNull(),
    amount: integer("amount").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("budget_envelopes_target_idx").on(t.regencyCode, t.year, t.kind, t.target)],
);

/** Lineage of merges: `proposalId` carries on the work of `sourceProposalId` (forum or reviewer decision). */
export const proposalSources = sqliteTable(
  "proposal_sources",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    sourceProposalId: text("source_proposal_id")
      .notNull()
      .references(() => proposals.id),
    forumItemId: text("forum_item_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.sourceProposalId] })],
);

/**
 * The Renja as it is agreed: one line per accepted proposal and agency, written when the proposal's outcome is
 * recorded. `sortKey` orders lines agency → program → kegiatan → sub-kegiatan → place → priority, so the export
 * reads them in keyset pages straight off an index, however large the year.
 */
export const renjaLines = sqliteTable(
  "renja_lines",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    sortKey: text("sort_key").notNull(),
    agencyId: text("agency_id")
      .notNull()
      .references(() => agencies.id),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    subActivityCode: text("sub_activity_code").notNull(),
    districtCode: text("district_code").notNull(),
    villageCode: text("village_code"),
    volume: real("volume").notNull(),
    unit: text("unit"),
    pagu: integer("pagu").notNull(),
    fundingSource: text("funding_source"),
    /** The output indicator's target in the indicator's own unit (nomenclature); null when it has no unit. */
    target: real("target"),
    /** Prakiraan maju: the indicator's target and the pagu planned for the year after. */
    nextYearTarget: real("next_year_target"),
    nextYearPagu: integer("next_year_pagu"),
    /** Catatan penting: the agency's or the forum's note on the activity. */
    notes: text("notes"),
    /** The regional development priority (prioritas daerah) the activity serves: a code of regional_priorities. */
    priorityCode: text("priority_code"),
    /** JSON arrays: the proposals' tracking codes (more than one after a merge) and forum decision references. */
    trackingCodes: text("tracking_codes").notNull(),
    forumRefs: text("forum_refs").notNull(),
    status: text("status").notNull(),
    sourceStage: text("source_stage").notNull(),
    districtRank: integer("district_rank"),
    villageRank: integer("village_rank"),
    /** The T-D.4 order: kecamatan, then priority. */
    td4SortKey: text("td4_sort_key").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("renja_lines_scope_idx").on(t.regencyCode, t.year, t.sortKey),
    index("renja_lines_td4_idx").on(t.regencyCode, t.year, t.td4SortKey),
    uniqueIndex("renja_lines_once_idx").on(t.proposalId, t.agencyId),
  ],
);

/** Bappeda's list of the year's regional development priorities and their targets (prioritas dan sasaran daerah, RKPD). */
export const regionalPriorities = sqliteTable(
  "regional_priorities",
  {
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    /** Short stable code activities are tagged with, e.g. P1. */
    code: text("code").notNull(),
    position: integer("position").notNull(),
    priority: text("priority").notNull(),
    target: text("target").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regencyCode, t.year, t.code] })],
);

/** The kabupaten's letterhead (kop surat) on its documents: text lines, the signing place, the number pattern and a logo. */
export const letterheads = sqliteTable("letterheads", {
  regencyCode: text("regency_code").primaryKey(),
  /** JSON array of the lines under the logo, e.g. PEMERINTAH KABUPATEN …, BADAN PERENCANAAN …, the address. */
  lines: text("lines").notNull(),
  /** Where documents are signed, e.g. Kalianda. */
  place: text("place").notNull(),
  /** The berita acara number with {nomor} and {tahun}, e.g. 050/{nomor}/BA-FLPD/{tahun}. */
  numberPattern: text("number_pattern").notNull(),
  /** PNG or JPEG, base64; small (a logo), so it lives with the row. */
  logo: text("logo"),
  logoType: text("logo_type", { enum: ["image/png", "image/jpeg"] }),
  updatedBy: text("updated_by").notNull(),
  updatedAt: text("updated_at").notNull(),
});

/** Keys the Worker signs with (expiring download links), created on first use so no deployment ships one. */
export const signingKeys = sqliteTable("signing_keys", {
  name: text("name").primaryKey(),
  key: text("key").notNull(),
  createdAt: createdAt(),
});

/** Every Renja export made: a snapshot of when, by whom, with which filters, kept in R2 to fetch again. */
export const renjaExports = sqliteTable(
  "renja_exports",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    format: text("format", { enum: ["csv", "xlsx", "json", "pdf"] }).notNull(),
    view: text("view", { enum: ["renja", "td4"] }).notNull(),
    /** JSON of the filters used. */
    filters: text("filters").notNull(),
    requestedBy: text("requested_by").notNull(),
    status: text("status", { enum: ["running", "ready", "failed"] }).notNull(),
    rowCount: integer("row_count"),
    r2Key: text("r2_key"),
    error: text("error"),
    createdAt: createdAt(),
    completedAt: text("completed_at"),
  },
  (t) => [index("renja_exports_regency_idx").on(t.regencyCode, t.createdAt)],
);

/**
 * What each level of Musrenbang recommends for a proposal (SIPD's rekom_lurah / rekom_camat / rekom_skpd / rekom_tapd):
 * the volume and cost the desa asked for, the kecamatan recommended, each agency decided and the forum agreed,
 * with the note that explains it. One row per level and source (the agency, for an agency's decision or a forum's
 * split part; empty otherwise); read by the history, the budget fit and the exports
 * (`recommendationsOf` in workers/storage/recommendations.ts).
 */
export const proposalRecommendations = sqliteTable(
  "proposal_recommendations",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id),
    level: text("level", { enum: ["desa", "kecamatan", "opd", "forum"] }).notNull(),
    /** The agency id for "opd" and a forum's split part; "" for one recommendation of the whole proposal. */
    source: text("source").notNull().default(""),
    volume: real("volume"),
    unit: text("unit"),
    /** Whole rupiah. */
    cost: integer("cost"),
    /** The sub-activity code the level names, when it names one (an agency may correct the desa's). */
    subActivityCode: text("sub_activity_code"),
    note: text("note"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: text("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.level, t.source] })],
);

/**
 * A kecamatan's Musrenbang list for a year: its proposals are ranked and recommended until the kecamatan closes the
 * list; after that only Bappeda changes it. A missing row is an open list.
 */
export const districtPlans = sqliteTable(
  "district_plans",
  {
    districtCode: text("district_code").notNull(),
    year: integer("year").notNull(),
    regencyCode: text("regency_code").notNull(),
    closedAt: text("closed_at").notNull(),
    closedBy: text("closed_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.year] })],
);

/**
 * A budget scenario (issue 22): a named set of envelope changes and fairness rules for a year, run in the background
 * (BudgetScenarioRun workflow) against the year's proposals. `version` grows with every edit; a run, an apply and an
 * edit each carry the version they saw, so a concurrent edit or apply rolls the other back. Nothing here changes
 * a real envelope until Bappeda applies the scenario.
 */
export const budgetScenarios = sqliteTable(
  "budget_scenarios",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    year: integer("year").notNull(),
    name: text("name").notNull(),
    note: text("note"),
    /** JSON: EnvelopeChange[] (shared/budget/scenario.ts). */
    changes: text("changes").notNull(),
    /** JSON: FairnessRules. */
    rules: text("rules").notNull(),
    version: integer("version").notNull().default(1),
    status: text("status", { enum: ["draft", "running", "done", "failed", "applied"] }).notNull(),
    /** The current (or last) run: its outcomes and tallies carry this id. */
    runId: text("run_id"),
    /** The version the run fitted; a result is current only while it equals `version`. */
    runVersion: integer("run_version"),
    /** 0-100 while running. */
    progress: integer("progress").notNull().default(0),
    /** JSON: totals and every envelope before and after (ScenarioSummary). */
    summary: text("summary"),
    error: text("error"),
    ranAt: text("ran_at"),
    appliedAt: text("applied_at"),
    appliedBy: text("applied_by"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("budget_scenarios_year_idx").on(t.regencyCode, t.year, t.createdAt)],
);

/** What a scenario's run decided for each proposal: funded before (today's envelopes) and after, and why. */
export const budgetScenarioOutcomes = sqliteTable(
  "budget_scenario_outcomes",
  {
    runId: text("run_id").notNull(),
    proposalId: text("proposal_id").notNull(),
    /** Place in the scenario's priority order (0 first): pages are read in this order. */
    position: integer("position").notNull(),
    districtCode: text("district_code").notNull(),
    villageCode: text("village_code").notNull(),
    /** The agency whose envelope it draws on; "" when it has none yet. */
    agencyId: text("agency_id").notNull(),
    cost: integer("cost").notNull(),
    fundedBefore: integer("funded_before", { mode: "boolean" }).notNull(),
    /** "excluded", or why it is funded: "floor", "quota", "priority". */
    after: text("after", { enum: ["excluded", "floor", "quota", "priority"] }).notNull(),
    /** For an excluded proposal: the room its agency's / kecamatan's envelope had left when its turn came. */
    agencyRoom: integer("agency_room"),
    districtRoom: integer("district_room"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.proposalId] }),
    index("budget_scenario_outcomes_order_idx").on(t.runId, t.position),
    index("budget_scenario_outcomes_district_idx").on(t.runId, t.districtCode, t.position),
  ],
);

/** Per kecamatan and per desa of a run: count and rupiah funded before and after. */
export const budgetScenarioTallies = sqliteTable(
  "budget_scenario_tallies",
  {
    runId: text("run_id").notNull(),
    level: text("level", { enum: ["district", "village"] }).notNull(),
    code: text("code").notNull(),
    /** The kecamatan of a desa (itself for a kecamatan), so a kecamatan's desa are one index range. */
    districtCode: text("district_code").notNull(),
    beforeCount: integer("before_count").notNull(),
    beforeRupiah: integer("before_rupiah").notNull(),
    afterCount: integer("after_count").notNull(),
    afterRupiah: integer("after_rupiah").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.level, t.code] }), index("budget_scenario_tallies_district_idx").on(t.runId, t.level, t.districtCode)],
);

/**
 * A spreadsheet of proposals uploaded for import (shared/imports/): the file itself stays in R2 (ATTACHMENTS,
 * imports/...), what it holds is read again from there for the preview and the commit. The same file for the same
 * village and year is the same import (content hash): uploading it again shows it, committing it again creates nothing.
 */
export const proposalImports = sqliteTable(
  "proposal_imports",
  {
    id: text("id").primaryKey(),
    regencyCode: text("regency_code").notNull(),
    /** The channel's layout (shared/imports/): "desa" (DU-RKPDesa) today. */
    channel: text("channel").notNull(),
    /** The village whose list it is: its proposals lie there unless a row's lokasi names another desa. */
    villageCode: text("village_code").notNull(),
    year: integer("year").notNull(),
    contentHash: text("content_hash").notNull(),
    filename: text("filename").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    r2Key: text("r2_key").notNull(),
    /** checked (preview) → committing (background) → committed; failed when the background write stopped. */
    status: text("status", { enum: ["checked", "committing", "committed", "failed"] }).notNull(),
    rowCount: integer("row_count").notNull(),
    createCount: integer("create_count").notNull(),
    skipCount: integer("skip_count").notNull(),
    errorCount: integer("error_count").notNull(),
    ambiguousCount: integer("ambiguous_count").notNull(),
    /** JSON: the person's choice of desa per ambiguous lokasi (shared/imports/places.ts locationKey → code). */
    choices: text("choices").notNull().default("{}"),
    /** Background progress: proposals written, then lifecycles started. */
    written: integer("written").notNull().default(0),
    started: integer("started").notNull().default(0),
    error: text("error"),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
    committedBy: text("committed_by"),
    committedAt: text("committed_at"),
  },
  (t) => [uniqueIndex("proposal_imports_file_idx").on(t.regencyCode, t.channel, t.villageCode, t.year, t.contentHash), index("proposal_imports_village_idx").on(t.villageCode, t.createdAt)],
);

/**
 * The year's schedule (jadwal) Bappeda sets: one window per stage, whole days in the kabupaten's zone, inclusive.
 * A stage without a window is not restricted (shared/calendar/windows.ts).
 */
export const stageWindows = sqliteTable(
  "stage_windows",
  {
    regencyCode: text("regency_code").notNull(),
    /** The planning year the proposals are for. */
    year: integer("year").notNull(),
    stage: text("stage").notNull(),
    /** YYYY-MM-DD, the first and the last day the stage's actions are taken. */
    opensOn: text("opens_on").notNull(),
    closesOn: text("closes_on").notNull(),
    /** Why the window was last extended, when it was. */
    extendedReason: text("extended_reason"),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regencyCode, t.year, t.stage] })],
);
