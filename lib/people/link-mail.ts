import { htmlBody, textBody, type Block } from "../mail/compose";
import { trySend, type MailOutcome, type Outbox } from "../mail/mailer";
import type { LinkPurpose } from "./links";

/**
 * E-mails a one-time link to the person it is for: a sign-up link with who invited them, or a
 * password reset. Never throws (the link is made and shown to the admin whatever happens here).
 */
export function mailAccountLink(
  outbox: Outbox | null,
  link: {
    purpose: LinkPurpose;
    to: { name: string; email: string };
    url: string;
    expiresAt: string;
    by: string;
  },
): Promise<MailOutcome> {
  if (!outbox) return Promise.resolve<MailOutcome>("not-configured");
  const until = new Date(link.expiresAt).toUTCString();
  const invite = link.purpose === "invite";
  const subject = invite
    ? `Your invitation to the newsroom of ${outbox.siteName}`
    : `A new password for the newsroom of ${outbox.siteName}`;
  const blocks: Block[] = [
    { text: `Hello ${link.to.name},` },
    invite
      ? {
          text: `${link.by} invited you to the newsroom of ${outbox.siteName}. Choose your password to sign up.`,
          link: { label: "Sign up", url: link.url },
        }
      : {
          text: `${link.by} made you a link to choose a new password for the newsroom of ${outbox.siteName}.`,
          link: { label: "Choose a new password", url: link.url },
        },
    {
      text: `The link works once, until ${until}. If you did not expect this e-mail, ignore it.`,
    },
  ];
  return trySend(
    outbox,
    {
      to: { name: link.to.name, address: link.to.email },
      subject,
      text: textBody(blocks),
      html: htmlBody(subject, blocks),
    },
    invite ? "an invitation" : "a password link",
  );
}
