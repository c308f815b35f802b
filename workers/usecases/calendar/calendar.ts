/**
 * The stage calendar: Bappeda sets the year's windows and extends one with a reason (audited); every use case that
 * acts in a stage asks `assertStageOpen` first, which refuses (409 stage_closed) outside the window with the window
 * named. The decision itself is shared/calendar/windows.ts; without a schedule for the year nothing is refused.
 */
import type { Principal } from "../../../shared/access/roles.ts";
import { CALENDAR_STAGE_KEYS, CALENDAR_STAGES, checkWindow, scheduleProblems, windowLabel, type CalendarStage, type ScheduledAction, type StageWindow } from "../../../shared/calendar/windows.ts";
import { regionZone } from "../../../shared/time/indonesian.ts";
import { auditInsert } from "../../storage/audit.ts";
import { extendWindow as extendStatement, replaceWindows, windowsOf, type StageWindowRow } from "../../storage/calendar.ts";
import { abortUnlessRow, runBatch, tryBatch } from "../../storage/database.ts";
import { stageWindows } from "../../../shared/db/schema.ts";
import { and, eq } from "drizzle-orm";
import { authorizeInOwnScope } from "../access.ts";
import type { Deps } from "../deps.ts";
import { invalidInput, Refusal } from "../errors.ts";

/** Refuses `action` for `year` in the kabupaten when today lies outside its stage's window. */
export async function assertStageOpen(deps: Deps, regencyCode: string, year: number, action: ScheduledAction, now = new Date()): Promise<void> {
  const windows = await windowsOf(deps.db, regencyCode, year);
  if (windows.length === 0) return;
  const answer = checkWindow(windows as StageWindow[], action, now, regionZone(regencyCode));
  if (answer.open) return;
  throw new Refusal(409, "stage_closed", answer.message, { details: { stage: answer.stage, opensOn: answer.window.opensOn, closesOn: answer.window.closesOn, when: answer.when } });
}

export interface CalendarView {
  year: number;
  zone: string;
  stages: { stage: CalendarStage; name: string; opensOn: string | null; closesOn: string | null; label: string | null; extendedReason: string | null; updatedAt: string | null }[];
}

function view(deps: Deps, regencyCode: string, year: number, rows: readonly StageWindowRow[]): CalendarView {
  const zone = regionZone(regencyCode);
  return {
    year,
    zone: zone.name,
    stages: CALENDAR_STAGE_KEYS.map((stage) => {
      const row = rows.find((r) => r.stage === stage);
      return { stage, name: CALENDAR_STAGES[stage][deps.lang], opensOn: row?.opensOn ?? null, closesOn: row?.closesOn ?? null, label: row ? windowLabel(row, zone, deps.lang) : null, extendedReason: row?.extendedReason ?? null, updatedAt: row?.updatedAt ?? null };
    }),
  };
}

/** The year's schedule: anyone in the kabupaten may read it (the village sees when it may submit). */
export async function readCalendar(deps: Deps, caller: Principal | undefined, year: number): Promise<CalendarView> {
  const principal = authorizeInOwnScope(caller, "agency.read");
  return view(deps, principal.regencyCode, year, await windowsOf(deps.db, principal.regencyCode, year));
}

export async function setCalendar(deps: Deps, caller: Principal | undefined, year: number, windows: StageWindow[]): Promise<CalendarView> {
  const principal = authorizeInOwnScope(caller, "regency.manage");
  const problems = scheduleProblems(windows);
  const twice = windows.filter((w, i) => windows.findIndex((o) => o.stage === w.stage) !== i);
  if (problems.length || twice.length) {
    throw invalidInput([
      ...problems.map((p) => ({ path: `windows.${p.stage}`, code: "window_reversed", message: p.message[deps.lang] })),
      ...twice.map((w) => ({ path: `windows.${w.stage}`, code: "stage_twice", message: deps.lang === "id" ? "Tahap ini disebut dua kali." : "This stage is given twice." })),
    ]);
  }
  await runBatch(deps.db, [
    ...replaceWindows(deps.db, principal.regencyCode, year, windows, principal.id),
    auditInsert(deps.db, { regencyCode: principal.regencyCode, actor: principal.id, action: "calendar.set", entityType: "calendar", entityId: `${principal.regencyCode}:${year}`, data: { windows } }),
  ]);
  return view(deps, principal.regencyCode, year, await windowsOf(deps.db, principal.regencyCode, year));
}

const notScheduled = new Refusal(404, "window_not_set", { id: "Tahap ini belum punya jadwal tahun ini: tetapkan jadwalnya dahulu.", en: "This stage has no window this year: set the schedule first." });
const notLater = new Refusal(409, "window_not_extended", { id: "Tanggal tutup baru harus sesudah tanggal tutup sekarang.", en: "The new closing day must be after the current one." });

/** Moves one window's closing day later, with the reason people will read; audited with before and after. */
export async function extendCalendarWindow(deps: Deps, caller: Principal | undefined, { year, stage, closesOn, reason }: { year: number; stage: CalendarStage; closesOn: string; reason: string }): Promise<CalendarView> {
  const principal = authorizeInOwnScope(caller, "regency.manage");
  const before = (await windowsOf(deps.db, principal.regencyCode, year)).find((w) => w.stage === stage);
  if (!before) throw notScheduled;
  if (closesOn <= before.closesOn) throw notLater;
  const batch = await tryBatch(deps.db, [
    abortUnlessRow(deps.db, "window_changed", stageWindows, and(eq(stageWindows.regencyCode, principal.regencyCode), eq(stageWindows.year, year), eq(stageWindows.stage, stage), eq(stageWindows.closesOn, before.closesOn))),
    extendStatement(deps.db, principal.regencyCode, year, stage, closesOn, reason, principal.id),
    auditInsert(deps.db, { regencyCode: principal.regencyCode, actor: principal.id, action: "calendar.extended", entityType: "calendar", entityId: `${principal.regencyCode}:${year}`, data: { stage, from: before.closesOn, to: closesOn, reason } }),
  ]);
  if (!batch.ok) throw notLater;
  return view(deps, principal.regencyCode, year, await windowsOf(deps.db, principal.regencyCode, year));
}
