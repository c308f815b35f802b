/**
 * The year's schedule (jadwal) as one policy: which stage each action belongs to, whether today (in the kabupaten's
 * zone) lies in that stage's window, and the message that names the window when it does not. Windows are whole
 * local days, inclusive. A stage without a window, or a year without a schedule, refuses nothing. Pure: the use
 * cases read the windows and the clock and ask here (workers/usecases/calendar/calendar.ts).
 */
import type { Text } from "../i18n.ts";
import { todayIn, type Zone } from "../time/indonesian.ts";

/** The stages Bappeda schedules, in their order in the year. */
export const CALENDAR_STAGES = {
  desa_submission: { id: "Pengajuan usulan desa", en: "Village proposal submission" },
  kecamatan_verification: { id: "Verifikasi dan pemeringkatan kecamatan", en: "District verification and ranking" },
  agency_review: { id: "Telaah OPD", en: "Agency review" },
  forum: { id: "Forum Lintas Perangkat Daerah", en: "Cross-agency forum" },
  renja_closing: { id: "Penutupan Renja", en: "Renja closing" },
} as const satisfies Record<string, Text>;

export type CalendarStage = keyof typeof CALENDAR_STAGES;
export const CALENDAR_STAGE_KEYS = Object.keys(CALENDAR_STAGES) as CalendarStage[];

/** Every action the schedule governs, and its stage: the one place that says which window an action needs. */
export const ACTION_STAGES = {
  "proposal.submit": "desa_submission",
  "proposal.import": "desa_submission",
  "verification.decide": "kecamatan_verification",
  "district.rank": "kecamatan_verification",
  "district.recommend": "kecamatan_verification",
  "district.close": "kecamatan_verification",
  "review.decide": "agency_review",
  "triage.decide": "agency_review",
  "forum.decide": "forum",
  // renja_closing has no action yet: nothing in the system closes a Renja; Bappeda can already schedule it.
} as const satisfies Record<string, CalendarStage>;

export type ScheduledAction = keyof typeof ACTION_STAGES;

export interface StageWindow {
  stage: CalendarStage;
  /** YYYY-MM-DD, local days in the kabupaten's zone, inclusive. */
  opensOn: string;
  closesOn: string;
}

const MONTHS_SHORT = { id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"], en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] } as const;

function day(date: string, lang: keyof Text, withYear: boolean): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS_SHORT[lang][m - 1]}${withYear ? ` ${y}` : ""}`;
}

/** "2 Jan–28 Feb 2027 WIB" (the year once when both days share it). */
export function windowLabel(window: Pick<StageWindow, "opensOn" | "closesOn">, zone: Zone, lang: keyof Text): string {
  const sameYear = window.opensOn.slice(0, 4) === window.closesOn.slice(0, 4);
  return `${day(window.opensOn, lang, !sameYear)}–${day(window.closesOn, lang, true)} ${zone.name}`;
}

export type WindowAnswer = { open: true } | { open: false; stage: CalendarStage; window: StageWindow; when: "before" | "after"; message: Text };

/** Whether `action` may be taken at `now` under `windows` (the year's schedule), and if not, why in people's words. */
export function checkWindow(windows: readonly StageWindow[], action: ScheduledAction, now: Date, zone: Zone): WindowAnswer {
  const stage = ACTION_STAGES[action];
  const window = windows.find((w) => w.stage === stage);
  if (!window) return { open: true };
  const today = todayIn(zone, now);
  if (today >= window.opensOn && today <= window.closesOn) return { open: true };
  const when = today < window.opensOn ? "before" : "after";
  const name = CALENDAR_STAGES[stage];
  return {
    open: false,
    stage,
    window,
    when,
    message: {
      id: `${name.id} dibuka ${windowLabel(window, zone, "id")}; ${when === "before" ? "belum dibuka" : "sudah ditutup"}.`,
      en: `${name.en} is open ${windowLabel(window, zone, "en")}; it ${when === "before" ? "has not opened yet" : "has closed"}.`,
    },
  };
}

/** A schedule as Bappeda sets it: each window ends on or after it starts. The problems, by stage. */
export function scheduleProblems(windows: readonly StageWindow[]): { stage: CalendarStage; message: Text }[] {
  return windows
    .filter((w) => w.closesOn < w.opensOn)
    .map((w) => ({ stage: w.stage, message: { id: "Tanggal tutup harus sama atau sesudah tanggal buka.", en: "The closing day must be on or after the opening day." } }));
}
