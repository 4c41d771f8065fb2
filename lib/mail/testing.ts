import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createMailer, type Outbox } from "./mailer";

/** A message the test SMTP server took: the envelope's recipients, and the parsed mail. */
export interface ReceivedMail {
  rcptTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every header name of the message, lower-case. */
  headerNames: string[];
}

/** A real SMTP server on a random local port, for tests; refuses every recipient when told to. */
export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  refuseRecipients: boolean;
  /** Resolves once `count` messages have arrived in all. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const state: TestSmtpServer = {
    url: "",
    received,
    refuseRecipients: false,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received)
        : new Promise((resolve) =>
            waiters.push({ count, resolve: () => resolve(received) }),
          ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    // The server's own certificate is self-signed; plain SMTP on loopback is what tests need.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refuseRecipients) return callback();
      const refusal = Object.assign(new Error("Mailbox unavailable"), {
        responseCode: 550,
      });
      callback(refusal);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            rcptTo: session.envelope.rcptTo.map((a) => a.address),
            from: mail.from?.text ?? "",
            to: [mail.to ?? []]
              .flat()
              .map((a) => a.text)
              .join(", "),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: mail.html || "",
            headerNames: [...mail.headers.keys()],
          });
          for (const w of waiters.filter((w) => received.length >= w.count)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}

/** A test SMTP server and an outbox sending to it, with the site name and address tests use. */
export interface TestMail {
  smtp: TestSmtpServer;
  outbox: Outbox;
}

/**
 * Registers, in the calling file or `describe`, a test SMTP server and an outbox to it, started
 * once for all its tests and closed after them; before each test the server has received
 * nothing and takes every recipient. Read its fields inside tests only.
 */
export function setUpTestMail(origin: string): TestMail {
  const mail = {} as TestMail;
  beforeAll(async () => {
    mail.smtp = await startTestSmtpServer();
    mail.outbox = {
      mailer: createMailer(mail.smtp.url, {
        name: "The Herald",
        address: "newsroom@herald.example",
      }),
      siteName: "The Herald",
      origin,
    };
  });
  beforeEach(() => {
    mail.smtp.received.length = 0;
    mail.smtp.refuseRecipients = false;
  });
  afterAll(async () => {
    mail.outbox.mailer.close();
    await mail.smtp.close();
  });
  return mail;
}
