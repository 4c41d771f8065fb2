import { describe, expect, it } from "vitest";
import { signInWithPassword } from "../auth/sign-in";
import { readSessionGeneration } from "../db/session-generations";
import { createTestUser, storeVariants } from "../db/testing";
import { useTestDesk } from "../db/test-desk";
import { findUserById, type UserRow } from "../db/users";
import { AppError } from "../errors";
import { createStoryFor } from "../stories/commands";
import { storyDetails } from "../stories/details";
import {
  changeAccount,
  inviteAccount,
  issuePasswordLink,
  listAccounts,
  searchStaff,
} from "./accounts";
import { setPasswordWithLink } from "./links";

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
  describe(`accounts (${variant.name})`, () => {
    const desk = useTestDesk(variant, {
      admin: ["admin", "Ada Admin"],
      editor: ["editor", "Ed Editor"],
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

    it("lets only admins invite, list, change and hand out links", async () => {
      const { user } = await invite(desk.admin);
      for (const actor of [desk.editor, desk.reporter]) {
        const refused = "403 Only admins manage accounts.";
        expect(await outcome(invite(actor, "x@herald.example"))).toBe(refused);
        expect(await outcome(listAccounts(desk.store, actor))).toBe(refused);
        expect(
          await outcome(
            changeAccount(desk.store, actor, desk.reporter.id, {
              role: "editor",
            }),
          ),
        ).toBe(refused);
        expect(
          await outcome(
            changeAccount(desk.store, actor, user.id, { active: false }),
          ),
        ).toBe(refused);
        expect(
          await outcome(
            issuePasswordLink(desk.store, actor, user.id, ORIGIN, null),
          ),
        ).toBe(refused);
      }
      expect((await findUserById(desk.store.db, desk.reporter.id))?.role).toBe(
        "reporter",
      );
    });

    it("changes roles, but never one's own nor the last active admin's", async () => {
      const changed = await changeAccount(
        desk.store,
        desk.admin,
        desk.reporter.id,
        {
          role: "editor",
        },
      );
      expect(changed).toMatchObject({ role: "editor", status: "active" });
      expect(
        await outcome(
          changeAccount(desk.store, desk.admin, desk.admin.id, {
            role: "editor",
          }),
        ),
      ).toMatch(/^409 You cannot change your own role/);
      // Unchanged is no change, even of one's own account.
      expect(
        await outcome(
          changeAccount(desk.store, desk.admin, desk.admin.id, {
            role: "admin",
            active: true,
          }),
        ),
      ).toBe("ok");

      // Two admins demoting each other at once (each request read its admin before the other
      // committed): the second would leave no admin, and is refused.
      const second = await createTestUser(desk.store, "admin", "Second Admin");
      await changeAccount(desk.store, desk.admin, second.id, {
        role: "editor",
      });
      expect(
        await outcome(
          changeAccount(desk.store, second, desk.admin.id, { role: "editor" }),
        ),
      ).toBe("409 The newsroom keeps at least one active admin.");
      expect(
        await outcome(
          changeAccount(desk.store, second, desk.admin.id, { active: false }),
        ),
      ).toBe("409 The newsroom keeps at least one active admin.");
      expect((await findUserById(desk.store.db, desk.admin.id))?.role).toBe(
        "admin",
      );
      expect(
        await outcome(
          changeAccount(
            desk.store,
            desk.admin,
            "00000000-0000-4000-8000-000000000000",
            {
              role: "editor",
            },
          ),
        ),
      ).toBe("404 No such account.");
    });

    it("deactivates an account: no sign-in, sessions ended, links void, stories and authorship kept", async () => {
      const story = await createStoryFor(
        desk.store,
        desk.reporter,
        "Harbour reopens",
      );
      const reset = await issuePasswordLink(
        desk.store,
        desk.admin,
        desk.reporter.id,
        ORIGIN,
        null,
      );
      expect(reset.purpose).toBe("reset");
      expect(reset.url).toMatch(new RegExp(`^${ORIGIN}/reset-password/`));
      const generation = await readSessionGeneration(
        desk.store.db,
        desk.reporter.id,
      );

      const account = await changeAccount(
        desk.store,
        desk.admin,
        desk.reporter.id,
        {
          active: false,
        },
      );
      expect(account).toMatchObject({ status: "deactivated" });
      expect(
        await readSessionGeneration(desk.store.db, desk.reporter.id),
      ).toBeGreaterThan(generation);
      expect(
        (
          await signInWithPassword(
            desk.store,
            desk.reporter.email,
            "password",
            "192.0.2.2",
          )
        ).kind,
      ).toBe("refused");
      expect(
        await outcome(
          setPasswordWithLink(
            desk.store,
            tokenOf(reset.url),
            "a good long password",
          ),
        ),
      ).toBe("404 This link is not valid.");
      expect(
        await outcome(
          issuePasswordLink(
            desk.store,
            desk.admin,
            desk.reporter.id,
            ORIGIN,
            null,
          ),
        ),
      ).toBe("409 This account is deactivated; reactivate it first.");
      expect(
        (await storyDetails(desk.store, desk.editor, story.id)).authors.map(
          (a) => a.id,
        ),
      ).toEqual([desk.reporter.id]);
      expect(
        (await searchStaff(desk.store, { q: "rita", limit: 10 })).length,
      ).toBe(0);

      await changeAccount(desk.store, desk.admin, desk.reporter.id, {
        active: true,
      });
      expect(
        (
          await signInWithPassword(
            desk.store,
            desk.reporter.email,
            "password",
            "192.0.2.2",
          )
        ).kind,
      ).toBe("signed-in");
    });

    it("searches active staff by name or e-mail, any case, wildcards taken literally", async () => {
      await createTestUser(desk.store, "reporter", "Lee Ann");
      await createTestUser(desk.store, "editor", "Ann Lee");
      await createTestUser(desk.store, "reporter", "100% Sure");
      const names = async (q: string, role?: "reporter") =>
        (await searchStaff(desk.store, { q, role, limit: 10 })).map(
          (u) => u.name,
        );
      expect(await names("ANN")).toEqual(["Ann Lee", "Lee Ann"]);
      expect(await names("ann", "reporter")).toEqual(["Lee Ann"]);
      expect(await names("lee.ann@")).toEqual(["Lee Ann"]);
      expect(await names("%")).toEqual(["100% Sure"]);
      expect(await names("_")).toEqual([]);
      const all = await searchStaff(desk.store, { limit: 2 });
      expect(all).toHaveLength(2);
      expect(Object.keys(all[0]!).sort()).toEqual([
        "email",
        "id",
        "name",
        "role",
      ]);
    });
  });
}
