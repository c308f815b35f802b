/** A server-drawn picture (shared/charts) in a page: the SVG as built, with a caption; nothing for the CSP to block. */
import { raw } from "hono/html";

export function Chart(props: { svg: string; caption?: string | undefined }) {
  // Raw: the markup is built and escaped by shared/charts, JSX would escape it a second time.
  return (
    <figure class="chart">
      {raw(props.svg)}
      {props.caption ? <figcaption>{props.caption}</figcaption> : null}
    </figure>
  );
}
