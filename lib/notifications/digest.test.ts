import { beforeEach, describe, expect, it } from "vitest";
import { insertNotifications, listNotifications } from "../db/notifications";
import { createTestUser, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import type { UserRow } from "../db/users";
import { setUpTestMail } from "../mail/testing";
import { changeAccount } from "../people/accounts";
import { createStoryFor } from "../stories/commands";
import { DIGEST_WINDOW_MS, RETRY_MS, sendDigests } from "./digest";
import { markRead } from "./inbox";

const ORIGIN = "https://newsroom.example";
const MINUTE = 60 * 1000;

const mailroom = setUpTestMail(ORIGIN);

for (const variant of storeVariants()) {
  describe(`e-mail digests (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      rita: ["reporter", "Rita Reporter"],
      ed: ["editor", "Ed Editor"],
    });

    let storyId: string;

    beforeEach(async () => {
      storyId = (await createStoryFor(desk.store, desk.rita, "Harbour reopens"))
        .id;
      t0 = 0;
    });
    /** The clock the sweeps are given: a little after the notifications were made. */
    let t0: number;
    const at = (ms: number) => new Date(t0 + ms);

    const tell = async (user: UserRow, ...texts: string[]) => {
      await insertNotifications(
        desk.store.db,
        texts.map((text) => ({
          userId: user.id,
          kind: "submitted",
          storyId,
          text,
        })),
      );
      // Set once: later notifications fall between the sweeps the test places after it.
      t0 ||= Date.now() + 1000;
    };
    const unmailed = async (user: UserRow) =>
      (await listNotifications(desk.store.db, user.id)).items
        .filter((n) => n.mailed_at === null)
        .map((n) => n.text)
        .sort();

    it("gathers several notifications into one e-mail, then waits five minutes before the next", async () => {
      await tell(
        desk.ed,
        "Rita Reporter submitted “Harbour reopens”.",
        "Cole replied on “Harbour reopens”: fine",
      );
      await tell(
        desk.rita,
        "Ed Editor added you as a co-author of “Harbour reopens”.",
      );
      expect(await sendDigests(desk.store, mailroom.outbox, at(0))).toBe(2);
      const mails = await mailroom.smtp.waitFor(2);
      const toEd = mails.find((m) => m.rcptTo[0] === desk.ed.email)!;
      expect(toEd.subject).toBe(
        "2 new notifications in the newsroom of The Herald",
      );
      expect(toEd.text).toContain("Rita Reporter submitted “Harbour reopens”.");
      expect(toEd.text).toContain("Cole replied on “Harbour reopens”: fine");
      const storyUrl = `${ORIGIN}/newsroom/stories/${storyId}`;
      expect(toEd.text).toContain(`Open the story: ${storyUrl}`);
      expect(toEd.text).toContain(`Open your inbox: ${ORIGIN}/newsroom#inbox`);
      expect(toEd.html).toContain(`href="${storyUrl}"`);
      const toRita = mails.find((m) => m.rcptTo[0] === desk.rita.email)!;
      expect(toRita.subject).toBe(
        "Ed Editor added you as a co-author of “Harbour reopens”.",
      );
      expect(await unmailed(desk.ed)).toEqual([]);

      await tell(desk.ed, "Ed, a third one.");
      expect(await sendDigests(desk.store, mailroom.outbox, at(MINUTE))).toBe(
        0,
      );
      expect(
        await sendDigests(
          desk.store,
          mailroom.outbox,
          at(DIGEST_WINDOW_MS - 1),
        ),
      ).toBe(0);
      expect(mailroom.smtp.received).toHaveLength(2);

      expect(
        await sendDigests(desk.store, mailroom.outbox, at(DIGEST_WINDOW_MS)),
      ).toBe(1);
      const [, , next] = await mailroom.smtp.waitFor(3);
      expect(next!.rcptTo).toEqual([desk.ed.email]);
      expect(next!.subject).toBe("Ed, a third one.");
      expect(next!.text).not.toContain("Rita Reporter submitted");
      expect(
        await sendDigests(
          desk.store,
          mailroom.outbox,
          at(3 * DIGEST_WINDOW_MS),
        ),
      ).toBe(0);
    });

    it("does not mail what was read in the app first", async () => {
      await tell(desk.ed, "Read already.", "Still unread.");
      const read = (
        await listNotifications(desk.store.db, desk.ed.id)
      ).items.find((n) => n.text === "Read already.")!;
      await markRead(desk.store, desk.ed, [read.id]);
      await tell(desk.rita, "Rita read this too.");
      const [mine] = (await listNotifications(desk.store.db, desk.rita.id))
        .items;
      await markRead(desk.store, desk.rita, [mine!.id]);

      expect(await sendDigests(desk.store, mailroom.outbox, at(0))).toBe(1);
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.rcptTo).toEqual([desk.ed.email]);
      expect(mail!.text).toContain("Still unread.");
      expect(mail!.text).not.toContain("Read already.");
    });

    it("mails nothing to a deactivated account", async () => {
      const ada = await createTestUser(desk.store, "admin", "Ada Admin");
      await changeAccount(desk.store, ada, desk.ed.id, { active: false });
      await tell(desk.ed, "Nobody reads this.");
      expect(await sendDigests(desk.store, mailroom.outbox, at(0))).toBe(0);
      expect(mailroom.smtp.received).toEqual([]);
    });

    it("keeps what a refusing server did not take, and sends it on a later sweep", async () => {
      await tell(desk.ed, "Keep me.");
      mailroom.smtp.refuseRecipients = true;
      expect(await sendDigests(desk.store, mailroom.outbox, at(0))).toBe(0);
      expect(await unmailed(desk.ed)).toEqual(["Keep me."]);
      mailroom.smtp.refuseRecipients = false;
      // Not hammered: the retry waits a while.
      expect(
        await sendDigests(desk.store, mailroom.outbox, at(RETRY_MS - 1)),
      ).toBe(0);
      expect(await sendDigests(desk.store, mailroom.outbox, at(RETRY_MS))).toBe(
        1,
      );
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.subject).toBe("Keep me.");
      expect(await unmailed(desk.ed)).toEqual([]);
    });

    it("sends one digest when several processes sweep at once", async () => {
      await tell(desk.ed, "Once only.", "Twice would be wrong.");
      const others = await Promise.all([desk.ts.reopen(), desk.ts.reopen()]);
      // Connected before the race, so that no sweep finishes before the others begin.
      for (const s of others)
        await s.db.selectFrom("mail_digests").selectAll().execute();
      const counts = await Promise.all(
        [desk.store, ...others].map((s) =>
          sendDigests(s, mailroom.outbox, at(0)),
        ),
      );
      expect(counts.reduce((a, b) => a + b)).toBe(1);
      await mailroom.smtp.waitFor(1);
      expect(mailroom.smtp.received).toHaveLength(1);
    });

    it("escapes headlines and names in the HTML and keeps them out of the headers", async () => {
      await tell(
        desk.ed,
        'Rita submitted “<img src=x onerror="alert(1)">”.\r\nBcc: mallory@evil.example',
      );
      expect(await sendDigests(desk.store, mailroom.outbox, at(0))).toBe(1);
      const [mail] = await mailroom.smtp.waitFor(1);
      expect(mail!.rcptTo).toEqual([desk.ed.email]);
      expect(mail!.headerNames).not.toContain("bcc");
      expect(mail!.subject).toBe(
        'Rita submitted “<img src=x onerror="alert(1)">”. Bcc: mallory@evil.example',
      );
      expect(mail!.html).not.toContain("<img");
      expect(mail!.html).toContain(
        "Rita submitted “&lt;img src=x onerror=&quot;alert(1)&quot;&gt;”.",
      );
    });
  });
}
