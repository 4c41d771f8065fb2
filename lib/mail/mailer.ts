import { createTransport } from "nodemailer";
import { mailFrom, redactedUrl, serverEnv, type ServerEnv } from "../env";
import { appOrigin } from "../http";
import { createLogger, describeError } from "../log";

const log = createLogger("mail");

/** An address as a header carries it: the name is encoded by nodemailer, never pasted in. */
export interface MailAddress {
  name: string;
  address: string;
}

/** One message: plain text and its HTML twin (lib/mail/compose.ts escapes the HTML). */
export interface MailMessage {
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
}

/** Sends the newsroom's e-mail; `send` throws when the server refuses or cannot be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP at `smtpUrl` (smtp:// or smtps://). Timeouts are short because an admin's
 * request waits for an invitation's mail; a digest that fails is retried by a later sweep.
 */
export function createMailer(smtpUrl: string, from: MailAddress): Mailer {
  const transport = createTransport(
    {
      url: smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      // Messages are built from text here; nothing may point nodemailer at a file or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from },
  );
  return {
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: oneLine(message.subject),
        text: message.text,
        html: message.html,
      });
    },
    close: () => transport.close(),
  };
}

/** A header value on one line: a line break in a headline or a name cannot start a header. */
export function oneLine(value: string): string {
  return value.replace(/[\r\n\t\u2028\u2029]+/g, " ").trim();
}

/**
 * Where the newsroom's e-mail goes out, and what it says of itself: the site's name and the
 * app's origin, which every link in a message starts with.
 */
export interface Outbox {
  mailer: Mailer;
  siteName: string;
  origin: string;
}

/** What became of a message an admin's action sent: the page says so truthfully. */
export type MailOutcome = "sent" | "failed" | "not-configured";

/** Sends `message`; never throws: a failure is logged and returned as "failed". */
export async function trySend(
  outbox: Outbox | null,
  message: MailMessage,
  what: string,
): Promise<MailOutcome> {
  if (!outbox) return "not-configured";
  try {
    await outbox.mailer.send(message);
    return "sent";
  } catch (error) {
    log.error(`${what} could not be sent`, { error: describeError(error) });
    return "failed";
  }
}

let configured: { url: string; mailer: Mailer } | undefined;

/** The process's outbox from SMTP_URL, MAIL_FROM and NEXTAUTH_URL; null when SMTP_URL is unset. */
export function configuredOutbox(env: ServerEnv = serverEnv()): Outbox | null {
  if (!env.SMTP_URL) return null;
  if (configured?.url !== env.SMTP_URL) {
    configured?.mailer.close();
    configured = {
      url: env.SMTP_URL,
      mailer: createMailer(env.SMTP_URL, mailFrom(env)),
    };
    log.info("e-mail goes out through SMTP", {
      server: redactedUrl(env.SMTP_URL),
    });
  }
  return {
    mailer: configured.mailer,
    siteName: env.SITE_NAME,
    origin: appOrigin(env),
  };
}
