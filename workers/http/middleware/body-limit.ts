/**
 * Request bodies are limited before they are read: a Worker isolate has 128 MB, and routes anyone may call
 * (sign-in, the signed inbound webhook) would otherwise buffer whatever they are sent. A declared Content-Length
 * over the limit is refused at once; a streamed body is refused as soon as it passes the limit.
 */
import { bodyLimit } from "hono/body-limit";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../../../shared/proposals/attachments.ts";
import { Refusal } from "../../usecases/errors.ts";

const KIB = 1024;
const MIB = 1024 * KIB;

export const requestTooLarge = new Refusal(413, "request_too_large", { id: "Kiriman terlalu besar.", en: "The request is too large." });

export const BODY_LIMITS = {
  /** Any API route that declares no limit of its own: JSON documents here are a few KB. */
  default: MIB,
  /** A username and a password (256 characters at most), and on the form its CSRF token and return path. */
  signIn: 8 * KIB,
  /** One decision with its reason, signed by an agency's system. */
  webhook: MIB,
  /** Five full attachments and the form's text. */
  submission: MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES + MIB,
} as const;

export const limitBody = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw requestTooLarge;
    },
  });
