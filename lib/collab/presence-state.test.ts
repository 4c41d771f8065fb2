import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { FALLBACK_PRESENCE_COLOR } from "./presence-color";
import {
  InvalidPresence,
  MAX_PRESENCE_STATE_BYTES,
  parsePresenceState,
  presenceUserOf,
  readAwarenessUpdate,
  writeAwarenessUpdate,
} from "./presence-state";

describe("presence states", () => {
  it("reads what the editor sends and writes it back byte for byte", () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    const text = doc.getText("t");
    text.insert(0, "abc");
    const position = Y.createRelativePositionFromTypeIndex(text, 1);
    awareness.setLocalStateField("user", {
      id: "u1",
      name: "Ana",
      color: "#0f766e",
    });
    awareness.setLocalStateField("cursor", {
      anchor: position,
      head: position,
    });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [
      doc.clientID,
    ]);
    const entries = readAwarenessUpdate(update);
    expect(entries[0]!.state?.user?.name).toBe("Ana");
    expect(writeAwarenessUpdate(entries)).toEqual(update);
    awareness.destroy();
  });

  it("counts bytes, not characters, against the limit", () => {
    const name = "한".repeat(1500); // 1,500 characters, 4,500 bytes
    expect(() =>
      parsePresenceState(
        JSON.stringify({
          user: { id: "a", name: name.slice(0, 200), color: "#000000" },
        }),
      ),
    ).not.toThrow();
    expect(() => parsePresenceState(JSON.stringify({ pad: name }))).toThrow(
      new InvalidPresence(
        `a presence state is larger than ${MAX_PRESENCE_STATE_BYTES} bytes`,
      ),
    );
  });

  it("refuses unreadable updates and trailing bytes", () => {
    expect(() => readAwarenessUpdate(new Uint8Array([5, 1]))).toThrow(
      InvalidPresence,
    );
    const ok = writeAwarenessUpdate([{ clientId: 1, clock: 1, state: null }]);
    expect(() => readAwarenessUpdate(new Uint8Array([...ok, 0]))).toThrow(
      /trailing/,
    );
  });

  it("shows only well-formed users", () => {
    const user = { id: "u1", name: "Ana", color: "#0f766e" };
    expect(presenceUserOf({ user })).toEqual(user);
    expect(
      presenceUserOf({ user: { ...user, color: "red;background:url(x)" } }),
    ).toEqual({ ...user, color: FALLBACK_PRESENCE_COLOR });
    expect(presenceUserOf({ user: { ...user, name: ["Ana"] } })).toBeNull();
    expect(presenceUserOf("nonsense")).toBeNull();
    expect(presenceUserOf({ user, extra: 1 })).toBeNull();
  });
});
