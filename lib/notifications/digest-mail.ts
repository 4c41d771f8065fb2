import type { NotificationRow } from "../db/notifications";
import { htmlBody, textBody, type Block } from "../mail/compose";
import type { MailMessage, Outbox } from "../mail/mailer";

/**
 * One person's digest: each notification as the inbox words it, with a link to its story in
 * the newsroom, and a link that opens the inbox (`/newsroom#inbox`).
 */
export function digestMessage(
  outbox: Outbox,
  to: { name: string; email: string },
  notifications: readonly NotificationRow[],
): MailMessage {
  const count = notifications.length;
  const subject =
    count === 1
      ? notifications[0]!.text
      : `${count} new notifications in the newsroom of ${outbox.siteName}`;
  const blocks: Block[] = [
    { text: `Hello ${to.name},` },
    {
      text:
        count === 1
          ? "There is news for you in the newsroom:"
          : `There are ${count} new notifications for you in the newsroom:`,
    },
    ...notifications.map((n) =>
      n.story_id
        ? {
            text: n.text,
            link: {
              label: "Open the story",
              url: `${outbox.origin}/newsroom/stories/${encodeURIComponent(n.story_id)}`,
            },
          }
        : { text: n.text },
    ),
    {
      text: "Your inbox is at the top of every newsroom page. What you read there is not e-mailed, and you get at most one of these e-mails every five minutes.",
      link: {
        label: "Open your inbox",
        url: `${outbox.origin}/newsroom#inbox`,
      },
    },
  ];
  return {
    to: { name: to.name, address: to.email },
    subject,
    text: textBody(blocks),
    html: htmlBody(subject, blocks),
  };
}
