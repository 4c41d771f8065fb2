import { describe, expect, it } from "vitest";
import { createTestUser, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findUserById } from "../db/users";
import { parseServerEnv } from "../env";
import { configuredOutbox } from "../mail/mailer";
import { setUpTestMail } from "../mail/testing";
import { inviteAccount, issuePasswordLink } from "./accounts";
import { describeAccountLink } from "./links";

const ORIGIN = "https://newsroom.example";
const tokenOf = (url: string) => url.split("/").pop()!;

const mailroom = setUpTestMail(ORIGIN);

for (const variant of storeVariants()) {
  describe(`account links by e-mail (${variant.name})`, () => {
    const desk = useTestDesk(variant, { admin: ["admin", "Ada Admin"] });

    it("e-mails an invitation with its sign-up link to the invited person", async () => {
      const invitation = await inviteAccount(
        desk.store,
        desk.admin,
        { email: "nia@herald.example", name: "Nia Newhire", role: "reporter" },
        ORIGIN,
        mailroom.outbox,
      );
      expect(invitation.mail).toBe("sent");
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.rcptTo).toEqual(["nia@herald.example"]);
      expect(mail!.from).toBe('"The Herald" <newsroom@herald.example>');
      expect(mail!.subject).toBe(
        "Your invitation to the newsroom of The Herald",
      );
      expect(mail!.text).toContain("Ada Admin invited you");
      expect(mail!.text).toContain(invitation.url);
      expect(mail!.html).toContain(`href="${invitation.url}"`);
      expect(invitation.url).toMatch(/^https:\/\/newsroom\.example\/signup\//);
      expect(
        (
          await describeAccountLink(
            desk.store,
            tokenOf(invitation.url),
            "invite",
          )
        ).state,
      ).toBe("valid");
    });

    it("e-mails a password reset link to an active account", async () => {
      const rita = await createTestUser(
        desk.store,
        "reporter",
        "Rita Reporter",
      );
      const link = await issuePasswordLink(
        desk.store,
        desk.admin,
        rita.id,
        ORIGIN,
        mailroom.outbox,
      );
      expect(link).toMatchObject({ purpose: "reset", mail: "sent" });
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.rcptTo).toEqual([rita.email]);
      expect(mail!.subject).toBe(
        "A new password for the newsroom of The Herald",
      );
      expect(mail!.text).toContain(
        `Choose a new password: ${ORIGIN}/reset-password/`,
      );
      expect(mail!.text).toContain(link.url);
    });

    it("keeps names out of the headers and the HTML", async () => {
      const name =
        'Eve <script>alert(1)</script> "x"\r\nBcc: mallory@evil.example';
      const invitation = await inviteAccount(
        desk.store,
        desk.admin,
        { email: "eve@herald.example", name, role: "reporter" },
        ORIGIN,
        mailroom.outbox,
      );
      expect(invitation.mail).toBe("sent");
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.rcptTo).toEqual(["eve@herald.example"]);
      expect(mail!.headerNames).not.toContain("bcc");
      expect(mail!.to).toContain("<eve@herald.example>");
      expect(mail!.to).not.toContain("mallory@evil.example>");
      expect(mail!.html).not.toContain("<script>");
      expect(mail!.html).toContain(
        "Hello Eve &lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;",
      );
    });

    it("still makes the link when the mail server refuses it, and says so", async () => {
      mailroom.smtp.refuseRecipients = true;
      const invitation = await inviteAccount(
        desk.store,
        desk.admin,
        { email: "nia@herald.example", name: "Nia Newhire", role: "reporter" },
        ORIGIN,
        mailroom.outbox,
      );
      expect(invitation.mail).toBe("failed");
      expect(
        await findUserById(desk.store.db, invitation.user.id),
      ).toBeDefined();
      expect(
        (
          await describeAccountLink(
            desk.store,
            tokenOf(invitation.url),
            "invite",
          )
        ).state,
      ).toBe("valid");
      expect(mailroom.smtp.received).toEqual([]);
    });

    it("sends nothing and fails nothing without SMTP_URL", async () => {
      const none = configuredOutbox(
        parseServerEnv({ NEXTAUTH_SECRET: "s".repeat(32), SMTP_URL: "" }),
      );
      expect(none).toBeNull();
      const invitation = await inviteAccount(
        desk.store,
        desk.admin,
        { email: "nia@herald.example", name: "Nia Newhire", role: "reporter" },
        ORIGIN,
        none,
      );
      expect(invitation.mail).toBe("not-configured");
      const reset = await issuePasswordLink(
        desk.store,
        desk.admin,
        desk.admin.id,
        ORIGIN,
        none,
      );
      expect(reset.mail).toBe("not-configured");
      expect(mailroom.smtp.received).toEqual([]);
    });
  });
}
