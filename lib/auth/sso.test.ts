import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestUser, storeVariants, type TestStore } from "../db/testing";
import { findUserByEmail, updateUser, type UserRow } from "../db/users";
import { changeAccount, inviteAccount, listAccounts } from "../people/accounts";
import { signInWithPassword } from "./sign-in";
import { signInWithSso, ssoAccountId, type SsoIdentity } from "./sso";

const ISSUER = "https://id.herald.example";

for (const variant of storeVariants()) {
  describe(`single sign-on's accounts (${variant.name})`, () => {
    let ts: TestStore;
    let admin: UserRow;
    let reporter: UserRow;

    beforeEach(async () => {
      ts = await variant.create();
      admin = await createTestUser(ts.store, "admin", "Ada Admin");
      reporter = await createTestUser(ts.store, "reporter", "Rita Reporter");
    });
    afterEach(async () => ts.cleanup());

    const identity = (over: Partial<SsoIdentity> = {}): SsoIdentity => ({
      issuer: ISSUER,
      subject: "sub-rita",
      email: reporter.email,
      emailVerified: true,
      name: "Rita R.",
      ...over,
    });

    it("signs an existing account in by its verified e-mail, and from then on by subject", async () => {
      const first = await signInWithSso(ts.store, identity(), "invited");
      expect(first).toMatchObject({
        kind: "signed-in",
        created: false,
        user: { id: reporter.id, name: "Rita Reporter" },
      });
      expect(await ssoAccountId(ts.store, ISSUER, "sub-rita")).toBe(
        reporter.id,
      );
      // The provider's e-mail changes: the subject still decides the account.
      const later = await signInWithSso(
        ts.store,
        identity({ email: "rita@elsewhere.example", emailVerified: false }),
        "invited",
      );
      expect(later).toMatchObject({
        kind: "signed-in",
        user: { id: reporter.id },
      });
    });

    it("accepts an invited account that never chose a password, and it is signed up", async () => {
      const { user } = await inviteAccount(
        ts.store,
        admin,
        { email: "nia@herald.example", name: "Nia Newhire", role: "editor" },
        "https://newsroom.example",
        null,
      );
      expect(user.status).toBe("invited");
      const outcome = await signInWithSso(
        ts.store,
        identity({ subject: "sub-nia", email: "NIA@herald.example" }),
        "invited",
      );
      expect(outcome).toMatchObject({
        kind: "signed-in",
        user: { id: user.id, role: "editor", password_hash: "" },
      });
      const listed = (await listAccounts(ts.store, admin)).find(
        (a) => a.id === user.id,
      );
      expect(listed?.status).toBe("active");
      // Still no password: the password form refuses it.
      expect(
        await signInWithPassword(
          ts.store,
          "nia@herald.example",
          "",
          "10.0.0.1",
        ),
      ).toEqual({ kind: "refused" });
    });

    it("refuses an unknown e-mail when sign-up is by invitation, creating nothing", async () => {
      const outcome = await signInWithSso(
        ts.store,
        identity({ subject: "sub-x", email: "stranger@elsewhere.example" }),
        "invited",
      );
      expect(outcome).toEqual({ kind: "refused", reason: "not-invited" });
      expect(
        await findUserByEmail(ts.store.db, "stranger@elsewhere.example"),
      ).toBeUndefined();
      expect(await ssoAccountId(ts.store, ISSUER, "sub-x")).toBeUndefined();
    });

    it("creates a reporter for an unknown verified e-mail when sign-up is open", async () => {
      const outcome = await signInWithSso(
        ts.store,
        identity({
          subject: "sub-sam",
          email: "Sam@Elsewhere.example",
          name: "  Sam Stringer ",
        }),
        "open",
      );
      expect(outcome).toMatchObject({
        kind: "signed-in",
        created: true,
        user: {
          email: "sam@elsewhere.example",
          name: "Sam Stringer",
          role: "reporter",
          password_hash: "",
        },
      });
      const id = outcome.kind === "signed-in" ? outcome.user.id : "";
      expect(await ssoAccountId(ts.store, ISSUER, "sub-sam")).toBe(id);
      // The second sign-in finds the same account.
      expect(
        await signInWithSso(ts.store, identity({ subject: "sub-sam" }), "open"),
      ).toMatchObject({ kind: "signed-in", created: false, user: { id } });
    });

    it("refuses an unverified e-mail, even under open sign-up", async () => {
      expect(
        await signInWithSso(
          ts.store,
          identity({ emailVerified: false }),
          "open",
        ),
      ).toEqual({ kind: "refused", reason: "unverified" });
      expect(
        await signInWithSso(
          ts.store,
          identity({ email: undefined, subject: "sub-none" }),
          "open",
        ),
      ).toEqual({ kind: "refused", reason: "unverified" });
      expect(await ssoAccountId(ts.store, ISSUER, "sub-rita")).toBeUndefined();
    });

    it("refuses a deactivated account, linked or not", async () => {
      await changeAccount(ts.store, admin, reporter.id, { active: false });
      expect(await signInWithSso(ts.store, identity(), "open")).toEqual({
        kind: "refused",
        reason: "deactivated",
      });
      await changeAccount(ts.store, admin, reporter.id, { active: true });
      expect(await signInWithSso(ts.store, identity(), "open")).toMatchObject({
        kind: "signed-in",
      });
      await updateUser(ts.store.db, reporter.id, {
        deactivated_at: new Date().toISOString(),
      });
      expect(await signInWithSso(ts.store, identity(), "open")).toEqual({
        kind: "refused",
        reason: "deactivated",
      });
    });

    it("does not let another identity take over a linked account by its e-mail", async () => {
      await signInWithSso(ts.store, identity(), "invited");
      expect(
        await signInWithSso(
          ts.store,
          identity({ subject: "sub-mallory" }),
          "open",
        ),
      ).toEqual({ kind: "refused", reason: "linked-elsewhere" });
      // Another provider is another identity space.
      expect(
        await signInWithSso(
          ts.store,
          identity({ issuer: "https://other.example", subject: "sub-mallory" }),
          "invited",
        ),
      ).toMatchObject({ kind: "signed-in", user: { id: reporter.id } });
    });

    it("links one person once when two first sign-ins race, however they interleave", async () => {
      // One race in about 40 interleaved so that the other's link was seen as someone else's.
      for (let i = 0; i < 40; i++) {
        const person =
          i === 0
            ? reporter
            : await createTestUser(ts.store, "reporter", `Racer ${i}`);
        const first = identity({ subject: `sub-${i}`, email: person.email });
        const both = await Promise.all([
          signInWithSso(ts.store, first, "invited"),
          signInWithSso(ts.store, first, "invited"),
        ]);
        for (const outcome of both)
          expect(outcome).toMatchObject({
            kind: "signed-in",
            user: { id: person.id },
          });
      }
    });
  });
}
