import { describe, expect, it } from "vitest";
import { signInWithPassword } from "../auth/sign-in";
import { readSessionGeneration } from "../db/session-generations";
import { storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import type { UserRow } from "../db/users";
import { AppError } from "../errors";
import { inviteAccount, issuePasswordLink, listAccounts } from "./accounts";
import { describeAccountLink, setPasswordWithLink } from "./links";

const ORIGIN = "https://newsroom.example";

/** "ok", or the status and message an AppError carries. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.message}`;
    throw error;
  }
}

const tokenOf = (url: string) => url.split("/").pop()!;

for (const variant of storeVariants()) {
  describe(`one-time password links (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      admin: ["admin", "Ada Admin"],
      reporter: ["reporter", "Rita Reporter"],
    });

    const invite = (by: UserRow, email = "new.hire@herald.example") =>
      inviteAccount(
        desk.store,
        by,
        { email, name: "Nia Newhire", role: "reporter" },
        ORIGIN,
        null,
      );

    it("invites someone who signs up once with the link, before it expires", async () => {
      const invitation = await invite(desk.admin);
      expect(invitation.user).toMatchObject({
        email: "new.hire@herald.example",
        role: "reporter",
        status: "invited",
      });
      expect(invitation.url).toMatch(
        new RegExp(`^${ORIGIN}/signup/[A-Za-z0-9_-]{43}$`),
      );
      expect(await outcome(invite(desk.admin, "NEW.HIRE@herald.example"))).toBe(
        "409 An account already uses new.hire@herald.example.",
      );
      // Invited, not signed up: no password opens the account.
      expect(
        (
          await signInWithPassword(
            desk.store,
            "new.hire@herald.example",
            "",
            "192.0.2.1",
          )
        ).kind,
      ).toBe("refused");

      const token = tokenOf(invitation.url);
      expect(await describeAccountLink(desk.store, token, "reset")).toEqual({
        state: "unknown",
      });
      expect(
        await describeAccountLink(desk.store, token, "invite"),
      ).toMatchObject({ state: "valid", name: "Nia Newhire" });
      await setPasswordWithLink(desk.store, token, "a good long password");
      expect(
        (
          await signInWithPassword(
            desk.store,
            "new.hire@herald.example",
            "a good long password",
            "192.0.2.1",
          )
        ).kind,
      ).toBe("signed-in");
      expect(
        await outcome(
          setPasswordWithLink(desk.store, token, "another password"),
        ),
      ).toMatch(/^410 This link has been used already/);
      expect(await describeAccountLink(desk.store, token, "invite")).toEqual({
        state: "used",
      });
      expect(
        (await listAccounts(desk.store, desk.admin)).find(
          (a) => a.id === invitation.user.id,
        )?.status,
      ).toBe("active");

      const later = await invite(desk.admin, "late@herald.example");
      const expired = new Date(Date.parse(later.expiresAt) + 1);
      expect(
        await outcome(
          setPasswordWithLink(
            desk.store,
            tokenOf(later.url),
            "a good long password",
            expired,
          ),
        ),
      ).toBe("410 This link has expired. Ask an admin for a new one.");
      expect(
        await outcome(
          setPasswordWithLink(
            desk.store,
            "no-such-token",
            "a good long password",
          ),
        ),
      ).toBe("404 This link is not valid.");
    });

    it("resets a password with a one-time link, ending the user's sessions", async () => {
      const first = await issuePasswordLink(
        desk.store,
        desk.admin,
        desk.reporter.id,
        ORIGIN,
        null,
      );
      const second = await issuePasswordLink(
        desk.store,
        desk.admin,
        desk.reporter.id,
        ORIGIN,
        null,
      );
      // Only the latest link works.
      expect(
        await describeAccountLink(desk.store, tokenOf(first.url), "reset"),
      ).toEqual({ state: "unknown" });
      const generation = await readSessionGeneration(
        desk.store.db,
        desk.reporter.id,
      );
      await setPasswordWithLink(
        desk.store,
        tokenOf(second.url),
        "a new long password",
      );
      expect(await readSessionGeneration(desk.store.db, desk.reporter.id)).toBe(
        generation + 1,
      );
      expect(
        (
          await signInWithPassword(
            desk.store,
            desk.reporter.email,
            "password",
            "192.0.2.3",
          )
        ).kind,
      ).toBe("refused");

      // Someone invited who lost their link gets a new sign-up link, not a reset.
      const { user } = await invite(desk.admin);
      expect(
        (await issuePasswordLink(desk.store, desk.admin, user.id, ORIGIN, null))
          .purpose,
      ).toBe("invite");
    });
  });
}
