import { Layout } from "./layout.tsx";

export function LoginPage(props: { csrfToken: string; username?: string; error?: string; next?: string }) {
  return (
    <Layout title="Masuk">
      <h1>Masuk</h1>
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      <form method="post" action="/masuk">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="next" value={props.next ?? "/"} />
        <label for="username">Nama pengguna</label>
        <input id="username" name="username" autocomplete="username" required value={props.username ?? ""} />
        <label for="password">Kata sandi</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">Masuk</button>
      </form>
    </Layout>
  );
}
