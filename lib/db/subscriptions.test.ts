import { afterEach, describe, expect, it } from "vitest";
import { insertSubscription } from "./subscriptions";
import { storeVariants, type TestStore } from "./testing";

for (const variant of storeVariants()) {
  describe(`subscriptions on ${variant.name}`, () => {
    let ts: TestStore;
    afterEach(async () => ts?.cleanup());

    it("stores an address once, whatever its case", async () => {
      ts = await variant.create();
      expect(
        await insertSubscription(ts.store.db, "Reader@Example.com", "/"),
      ).toEqual({
        created: true,
      });
      expect(
        await insertSubscription(ts.store.db, "reader@example.COM"),
      ).toEqual({
        created: false,
      });
      const rows = await ts.store.db
        .selectFrom("subscriptions")
        .selectAll()
        .execute();
      expect(rows).toEqual([
        {
          email: "reader@example.com",
          created_at: expect.any(String),
          source: "/",
        },
      ]);
    });
  });
}
