/**
 * The ways a proposal reaches the Renja (channels, jalur usulan): the village's Musrenbang (desa), the DPRD members'
 * pokok-pokok pikiran gathered at reses (pokir, Permendagri 86/2017) and the thematic Musrenbang of a group
 * (tematik). Each channel names where a proposal sits (desa, kecamatan or the whole kabupaten) and which stages
 * it passes.
 */
import type { Target } from "../access/policy.ts";

export const CHANNELS = {
  desa: { id: "Usulan desa", en: "Village proposal" },
  pokir: { id: "Pokir DPRD", en: "DPRD member's proposal (pokir)" },
  tematik: { id: "Musrenbang tematik", en: "Thematic Musrenbang" },
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as Channel[];

/** The groups of the thematic Musrenbang. */
export const THEMES = {
  perempuan: { id: "Perempuan", en: "Women" },
  anak: { id: "Anak", en: "Children" },
  disabilitas: { id: "Penyandang disabilitas", en: "People with disabilities" },
  lansia: { id: "Lanjut usia", en: "Older people" },
  pemuda: { id: "Pemuda", en: "Youth" },
} as const;
export type Theme = keyof typeof THEMES;
export const THEME_KEYS = Object.keys(THEMES) as Theme[];

/**
 * Where a proposal sits. A village proposal is always one desa; a pokir names a desa or a kecamatan; a thematic
 * group plans for a kecamatan or the whole kabupaten.
 */
export const LOCATION_LEVELS = {
  desa: { id: "Desa/kelurahan", en: "Village" },
  kecamatan: { id: "Sekecamatan", en: "Whole district" },
  kabupaten: { id: "Sekabupaten", en: "Whole regency" },
} as const;
export type LocationLevel = keyof typeof LOCATION_LEVELS;

export const CHANNEL_LEVELS: Record<Channel, readonly LocationLevel[]> = {
  desa: ["desa"],
  pokir: ["desa", "kecamatan"],
  tematik: ["kecamatan", "kabupaten"],
};

/**
 * Only a village proposal passes the kecamatan's verification. Pokir go to Bappeda and the agencies directly:
 * Permendagri 86/2017 has them handed over in writing to the kepala daerah through Bappeda as input to the draft
 * RKPD (rancangan awal), not through the Musrenbang kecamatan; the thematic Musrenbang's results reach Bappeda the
 * same way, for a kecamatan or the kabupaten as a whole.
 */
export const passesDistrictVerification = (channel: string): boolean => channel === "desa";

/**
 * The channel a pair of proposals came through, as the overlap reasons say it ("usulan desa dan pokir DPRD");
 * null for two of one channel.
 */
export function channelPairReason(a: { channel: string; theme?: string | null }, b: { channel: string; theme?: string | null }): string | null {
  if (a.channel === b.channel) return null;
  const label = (p: { channel: string; theme?: string | null }) =>
    p.channel === "pokir" ? "pokir DPRD" : p.channel === "tematik" ? `Musrenbang tematik${p.theme && p.theme in THEMES ? ` ${THEMES[p.theme as Theme].id.toLowerCase()}` : ""}` : "usulan desa";
  const [first, second] = [a, b].sort((x, y) => CHANNEL_KEYS.indexOf(x.channel as Channel) - CHANNEL_KEYS.indexOf(y.channel as Channel));
  return `${label(first!)} dan ${label(second!)}`;
}

/** Where an activity came from, as a Renja row and the member's report say it. */
export interface Origin {
  channel: string;
  villageName: string | null;
  theme: string | null;
  member: { name: string; fraksi: string; dapil: string } | null;
  /** The thematic group's own name, e.g. "Forum Perempuan Lampung Selatan". */
  groupName: string | null;
}

export function originLabel(o: Origin): string {
  if (o.channel === "pokir" && o.member) return `Pokir DPRD: ${o.member.name} (Fraksi ${o.member.fraksi}, ${o.member.dapil})`;
  if (o.channel === "pokir") return "Pokir DPRD";
  if (o.channel === "tematik") {
    const theme = o.theme && o.theme in THEMES ? THEMES[o.theme as Theme].id : (o.theme ?? "");
    return `Musrenbang tematik ${theme.toLowerCase()}${o.groupName ? `: ${o.groupName}` : ""}`;
  }
  return o.villageName ? `Desa/Kelurahan ${o.villageName}` : "Musrenbang desa";
}

/** A proposal as the access policy sees it: its place (a desa only when it sits in one), channel, member and theme. */
export function proposalTarget(
  row: { regencyCode: string; districtCode: string; villageCode: string; locationLevel: string; channel: string; theme: string | null },
  extra: { agencyIds?: readonly string[]; memberId?: string | null } = {},
): Target {
  return {
    regencyCode: row.regencyCode,
    districtCode: row.districtCode,
    villageCode: row.locationLevel === "desa" ? row.villageCode : null,
    agencyIds: extra.agencyIds ?? [],
    channel: row.channel,
    memberId: extra.memberId ?? null,
    theme: row.theme,
  };
}

/** What the thematic Musrenbang's tally says per theme: submitted, forwarded to the agencies, funded. */
export interface ThemeSummary {
  theme: Theme;
  submitted: number;
  /** Past Bappeda's door: routed to an agency (or its triage) and on from there. */
  forwarded: number;
  /** Accepted into a Renja (with or without changes). */
  funded: number;
  /** What the groups asked, and the pagu their accepted lines carry, in rupiah. */
  asked: number;
  pagu: number;
}

const NOT_FORWARDED = new Set(["submitted", "returned", "withdrawn"]);
const FUNDED = new Set(["accepted", "accepted_with_changes"]);

export function summarizeThemes(byStatus: readonly { theme: string | null; status: string; count: number; asked: number | null }[], funded: readonly { theme: string | null; pagu: number | null }[], only: Theme | null = null): ThemeSummary[] {
  return (only ? [only] : THEME_KEYS).map((theme) => {
    const rows = byStatus.filter((r) => r.theme === theme);
    const count = (keep: (status: string) => boolean) => rows.filter((r) => keep(r.status)).reduce((n, r) => n + Number(r.count), 0);
    return {
      theme,
      submitted: count(() => true),
      forwarded: count((s) => !NOT_FORWARDED.has(s)),
      funded: count((s) => FUNDED.has(s)),
      asked: rows.reduce((n, r) => n + Number(r.asked ?? 0), 0),
      pagu: Number(funded.find((f) => f.theme === theme)?.pagu ?? 0),
    };
  });
}

/**
 * The same work asked through two channels (a village and a DPRD member for the same drainage) is a double plan the
 * forum settles, whichever agencies carry it: the pair goes to the forum (cross-agency) and the first reason names
 * the channels.
 */
export function acrossChannels<R extends { kind: "cross_agency" | "duplicate" | null; reasons: string[] }>(a: { channel: string; theme?: string | null }, b: { channel: string; theme?: string | null }, result: R): R {
  const channels = channelPairReason(a, b);
  if (channels === null || result.kind === null) return result;
  return { ...result, kind: "cross_agency", reasons: [channels, ...result.reasons] };
}
