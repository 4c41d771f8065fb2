import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signInWithPassword } from "../auth/sign-in";
import { readSessionGeneration } from "../db/session-generations";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
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
    let ts: TestStore;
    let admin: UserRow;
    let editor: UserRow;
    let reporter: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      admin = await createTestUser(ts.store, "admin", "Ada Admin");
      editor = await createTestUser(ts.store, "editor", "Ed Editor");
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
    });
    afterEach(async () => ts.cleanup());

    const invite = (by: UserRow, email = "new.hire@herald.example") =>
      inviteAccount(
        ts.store,
        by,
        { email, name: "Nia Newhire", role: "reporter" },
        ORIGIN,
        null,
      );

    it("lets only admins invite, list, change and hand out links", async () => {
      const { user } = await invite(admin);
      for (const actor of [editor, reporter]) {
        const refused = "403 Only admins manage accounts.";
        expect(await outcome(invite(actor, "x@herald.example"))).toBe(refused);
        expect(await outcome(listAccounts(ts.store, actor))).toBe(refused);
        expect(
          await outcome(
            changeAccount(ts.store, actor, reporter.id, { role: "editor" }),
          ),
        ).toBe(refused);
        expect(
          await outcome(
            changeAccount(ts.store, actor, user.id, { active: false }),
          ),
        ).toBe(refused);
        expect(
          await outcome(
            issuePasswordLink(ts.store, actor, user.id, ORIGIN, null),
          ),
        ).toBe(refused);
      }
      expect((await findUserById(ts.store.db, reporter.id))?.role).toBe(
        "reporter",
      );
    });

    it("changes roles, but never one's own nor the last active admin's", async () => {
      const changed = await changeAccount(ts.store, admin, reporter.id, {
        role: "editor",
      });
      expect(changed).toMatchObject({ role: "editor", status: "active" });
      expect(
        await outcome(
          changeAccount(ts.store, admin, admin.id, { role: "editor" }),
        ),
      ).toMatch(/^409 You cannot change your own role/);
      // Unchanged is no change, even of one's own account.
      expect(
        await outcome(
          changeAccount(ts.store, admin, admin.id, {
            role: "admin",
            active: true,
          }),
        ),
      ).toBe("ok");

      // Two admins demoting each other at once (each request read its admin before the other
      // committed): the second would leave no admin, and is refused.
      const second = await createTestUser(ts.store, "admin", "Second Admin");
      await changeAccount(ts.store, admin, second.id, { role: "editor" });
      expect(
        await outcome(
          changeAccount(ts.store, second, admin.id, { role: "editor" }),
        ),
      ).toBe("409 The newsroom keeps at least one active admin.");
      expect(
        await outcome(
          changeAccount(ts.store, second, admin.id, { active: false }),
        ),
      ).toBe("409 The newsroom keeps at least one active admin.");
      expect((await findUserById(ts.store.db, admin.id))?.role).toBe("admin");
      expect(
        await outcome(
          changeAccount(
            ts.store,
            admin,
            "00000000-0000-4000-8000-000000000000",
            {
              role: "editor",
            },
          ),
        ),
      ).toBe("404 No such account.");
    });

    it("deactivates an account: no sign-in, sessions ended, links void, stories and authorship kept", async () => {
      const story = await createStoryFor(ts.store, reporter, "Harbour reopens");
      const reset = await issuePasswordLink(
        ts.store,
        admin,
        reporter.id,
        ORIGIN,
        null,
      );
      expect(reset.purpose).toBe("reset");
      expect(reset.url).toMatch(new RegExp(`^${ORIGIN}/reset-password/`));
      const generation = await readSessionGeneration(ts.store.db, reporter.id);

      const account = await changeAccount(ts.store, admin, reporter.id, {
        active: false,
      });
      expect(account).toMatchObject({ status: "deactivated" });
      expect(
        await readSessionGeneration(ts.store.db, reporter.id),
      ).toBeGreaterThan(generation);
      expect(
        (
          await signInWithPassword(
            ts.store,
            reporter.email,
            "password",
            "192.0.2.2",
          )
        ).kind,
      ).toBe("refused");
      expect(
        await outcome(
          setPasswordWithLink(
            ts.store,
            tokenOf(reset.url),
            "a good long password",
          ),
        ),
      ).toBe("404 This link is not valid.");
      expect(
        await outcome(
          issuePasswordLink(ts.store, admin, reporter.id, ORIGIN, null),
        ),
      ).toBe("409 This account is deactivated; reactivate it first.");
      expect(
        (await storyDetails(ts.store, editor, story.id)).authors.map(
          (a) => a.id,
        ),
      ).toEqual([reporter.id]);
      expect(
        (await searchStaff(ts.store, { q: "rita", limit: 10 })).length,
      ).toBe(0);

      await changeAccount(ts.store, admin, reporter.id, { active: true });
      expect(
        (
          await signInWithPassword(
            ts.store,
            reporter.email,
            "password",
            "192.0.2.2",
          )
        ).kind,
      ).toBe("signed-in");
    });

    it("searches active staff by name or e-mail, any case, wildcards taken literally", async () => {
      await createTestUser(ts.store, "reporter", "Lee Ann");
      await createTestUser(ts.store, "editor", "Ann Lee");
      await createTestUser(ts.store, "reporter", "100% Sure");
      const names = async (q: string, role?: "reporter") =>
        (await searchStaff(ts.store, { q, role, limit: 10 })).map(
          (u) => u.name,
        );
      expect(await names("ANN")).toEqual(["Ann Lee", "Lee Ann"]);
      expect(await names("ann", "reporter")).toEqual(["Lee Ann"]);
      expect(await names("lee.ann@")).toEqual(["Lee Ann"]);
      expect(await names("%")).toEqual(["100% Sure"]);
      expect(await names("_")).toEqual([]);
      const all = await searchStaff(ts.store, { limit: 2 });
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
