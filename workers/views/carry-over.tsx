/**
 * Carry-over on the village's list (shared/proposals/carry-over.ts): last year's proposals it may submit again, each
 * with keep (submitted at once), change (the form prefilled) and drop (after a confirmation page). Plain forms.
 */
import type { Principal } from "../../shared/access/roles.ts";
import { quantity, rupiah } from "../../shared/format.ts";
import type { Language, Text } from "../../shared/i18n.ts";
import { CARRY_OVER_TEXT } from "../../shared/proposals/carry-over.ts";
import type { CarryOverOffer } from "../usecases/proposals/carry-over.ts";
import { fill } from "./fields.tsx";
import { Layout } from "./layout.tsx";

const W = {
  hint: { id: "Usulan {year} ini dialihkan ke tahun berikutnya atau ditolak. Ajukan lagi untuk {next}, ubah dulu, atau tidak diajukan lagi.", en: "These {year} proposals were carried over or rejected. Submit them again for {next}, change them first, or drop them." },
  keep: { id: "Ajukan lagi", en: "Submit again" },
  change: { id: "Ubah dulu", en: "Change first" },
  drop: { id: "Tidak diajukan lagi", en: "Drop" },
  dropTitle: { id: "Tidak mengajukan lagi usulan ini?", en: "Drop this proposal?" },
  dropText: { id: "Usulan ini tidak akan ditawarkan lagi untuk {next}. Pilihan ini tidak dapat dibatalkan.", en: "It will not be offered again for {next}. This cannot be undone." },
  dropConfirm: { id: "Ya, tidak diajukan lagi", en: "Yes, drop it" },
  back: { id: "Kembali", en: "Back" },
  dropped: { id: "Usulan tahun lalu tidak diajukan lagi dan tidak akan ditawarkan lagi.", en: "Last year's proposal was dropped and will not be offered again." },
} satisfies Record<string, Text>;

function OfferFacts(props: { offer: CarryOverOffer; lang: Language }) {
  const o = props.offer;
  return (
    <>
      <strong>{o.activity}</strong>
      <br />
      <small>
        {o.trackingCode} · {quantity(o.volume, props.lang)} {o.unit} · {rupiah(o.estimatedCost)}
      </small>
      <br />
      <span class="tag warn">{o.statusLabel}</span>
    </>
  );
}

/** The section on the village's list; nothing when there is nothing to offer (or only the notice after a drop). */
export function CarryOverSection(props: { offers: readonly CarryOverOffer[]; year: number; csrfToken: string; lang: Language; dropped: boolean }) {
  const say = (t: Text) => t[props.lang];
  if (!props.offers.length) return props.dropped ? <div class="ok">{say(W.dropped)}</div> : null;
  return (
    <section class="carry-over" aria-labelledby="carry-over-heading">
      {props.dropped ? <div class="ok">{say(W.dropped)}</div> : null}
      <h2 id="carry-over-heading">{say(CARRY_OVER_TEXT.heading)}</h2>
      <p class="muted">{fill(say(W.hint), { year: props.year - 1, next: props.year })}</p>
      {props.offers.map((o) => (
        <div class="card">
          <OfferFacts offer={o} lang={props.lang} />
          <div class="actions">
            <form method="post" action={`/usulan/lanjutan/${o.id}/ajukan`}>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit">{say(W.keep)}</button>
            </form>
            <a class="button secondary" href={`/usulan/baru?lanjutan=${o.id}`}>
              {say(W.change)}
            </a>
            <a class="button secondary" href={`/usulan/lanjutan/${o.id}/tidak`}>
              {say(W.drop)}
            </a>
          </div>
        </div>
      ))}
    </section>
  );
}

export function DropCarryOverPage(props: { principal: Principal; csrfToken: string; lang: Language; offer: CarryOverOffer }) {
  const say = (t: Text) => t[props.lang];
  const o = props.offer;
  return (
    <Layout title={say(W.dropTitle)} principal={props.principal} csrfToken={props.csrfToken} lang={props.lang}>
      <h1>{say(W.dropTitle)}</h1>
      <p>
        <OfferFacts offer={o} lang={props.lang} />
      </p>
      <p class="notice">{fill(say(W.dropText), { next: o.year + 1 })}</p>
      <form method="post" action={`/usulan/lanjutan/${o.id}/tidak`}>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="konfirmasi" value="ya" />
        <div class="actions">
          <button type="submit">{say(W.dropConfirm)}</button>
          <a class="button secondary" href={`/usulan?tahun=${o.year + 1}`}>
            {say(W.back)}
          </a>
        </div>
      </form>
    </Layout>
  );
}
