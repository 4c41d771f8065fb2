import { afterEach, beforeEach } from "vitest";
import {
  createTestUser,
  type StoreVariant,
  type TestStore,
} from "../../lib/db/testing";
import type { Store } from "../../lib/db/client";
import type { UserRow } from "../../lib/db/users";
import type { Role } from "../../lib/workflow/actors";
import type { StoryContent } from "../../lib/editor/story-document";
import type { CollabConfig } from "../config";
import type { DocumentPersistence } from "../persistence";
import {
  connectClient,
  createTestStory,
  startTestServer,
  tokenFor,
  type TestClient,
} from "./harness";

export interface ClientOptions {
  readOnly?: boolean;
  acks?: boolean;
}

export interface StoryRoomSetup<P extends string> {
  /** Everyone a test connects as, by the name the test calls them: role and display name. */
  people: Record<P, readonly [role: Role, name: string]>;
  /** Who wrote the story. */
  author: NoInfer<P>;
  story?: Partial<StoryContent>;
  server?: Partial<CollabConfig>;
  /** Runs once the story is stored, before the server starts (to store what it finds there). */
  beforeStart?: (room: StoryRoom<P>) => Promise<void>;
}

/**
 * One story on a fresh store and a collaboration server in this process, made before each test
 * and closed after it with every client the test connected. Read its fields inside tests only.
 */
export interface StoryRoom<P extends string> {
  ts: TestStore;
  server: Awaited<ReturnType<typeof startTestServer>>;
  storyId: string;
  people: Record<P, UserRow>;
  /** `user`'s stock client on the story, connecting; with acknowledgements unless `acks: false`. */
  open(user: UserRow, options?: ClientOptions): Promise<TestClient>;
  /** `user`'s client as `open` makes it, once synced. */
  join(user: UserRow, options?: ClientOptions): Promise<TestClient>;
  /** Keeps a client the test connected its own way, to be destroyed after the test. */
  track(client: TestClient): TestClient;
  /**
   * Closes the server and starts another, configured by `config` alone (not the room's), on
   * `store` (another handle of the same data, say) and with `persistence` when given.
   */
  restart(options?: {
    config?: Partial<CollabConfig>;
    store?: Store;
    persistence?: DocumentPersistence;
  }): Promise<void>;
}

/** Registers the room's beforeEach and afterEach in the calling `describe`. */
export function useStoryRoom<P extends string>(
  variant: StoreVariant,
  setup: StoryRoomSetup<P>,
): StoryRoom<P> {
  const clients: TestClient[] = [];
  const room = {
    people: {} as Record<P, UserRow>,
    track(client: TestClient) {
      clients.push(client);
      return client;
    },
    async open(user: UserRow, { readOnly = false, acks = true } = {}) {
      return room.track(
        connectClient(
          room.server.url,
          room.storyId,
          await tokenFor(user, room.storyId, readOnly),
          { acks },
        ),
      );
    },
    async join(user: UserRow, options?: ClientOptions) {
      const client = await room.open(user, options);
      await client.synced();
      return client;
    },
    async restart({ config, store, persistence } = {}) {
      await room.server.close();
      room.server = await startTestServer(
        store ?? room.ts.store,
        config,
        persistence,
      );
    },
  } as StoryRoom<P>;

  beforeEach(async () => {
    room.ts = await variant.create();
    for (const [key, [role, name]] of Object.entries(setup.people) as Array<
      [P, readonly [Role, string]]
    >)
      room.people[key] = await createTestUser(room.ts.store, role, name);
    const author = room.people[setup.author];
    room.storyId = (
      await createTestStory(room.ts.store, author, setup.story)
    ).id;
    await setup.beforeStart?.(room);
    room.server = await startTestServer(room.ts.store, setup.server);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) {
      // A test may give a doc another client id; its awareness must find the first on leaving.
      client.doc.clientID = client.provider.awareness.clientID;
      client.destroy();
    }
    await room.server.close();
    await room.ts.cleanup();
  });

  return room;
}
