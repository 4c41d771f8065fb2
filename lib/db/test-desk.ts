import { afterEach, beforeEach } from "vitest";
import type { Store } from "./client";
import { createTestUser, type StoreVariant, type TestStore } from "./testing";
import type { UserRow } from "./users";
import type { Role } from "../workflow/actors";

/** A test's store and the people in it, by the names the test calls them. */
export type TestDesk<P extends string> = {
  ts: TestStore;
  store: Store;
} & Record<P, UserRow>;

/**
 * Registers, in the calling `describe`, a fresh store made before each test with these people
 * in it (role, and display name unless a random one will do), cleaned up after it. Read its
 * fields inside tests only.
 */
export function useTestDesk<P extends string>(
  variant: StoreVariant,
  people: {
    [K in P]: K extends "ts" | "store"
      ? never
      : readonly [role: Role, name?: string];
  },
): TestDesk<P> {
  const desk = {} as TestDesk<P>;
  beforeEach(async () => {
    desk.ts = await variant.create();
    desk.store = desk.ts.store;
    for (const [key, [role, name]] of Object.entries(people) as Array<
      [P, readonly [Role, string?]]
    >)
      (desk as Record<P, UserRow>)[key] = await createTestUser(
        desk.store,
        role,
        name,
      );
  });
  afterEach(async () => desk.ts.cleanup());
  return desk;
}
