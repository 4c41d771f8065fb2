import { describe, expect, it } from "vitest";
import { SaveTracker } from "./save-tracker";

const step1 = new Uint8Array([0, 0, 0]);
const step2 = new Uint8Array([0, 1, 2, 0, 0]);
const update = new Uint8Array([0, 2, 2, 0, 0]);
const awareness = new Uint8Array([1, 3, 1, 2, 3]);

describe("SaveTracker", () => {
  it("is saved only once every message carrying an edit is acknowledged", () => {
    const t = new SaveTracker();
    t.socketOpened();
    t.messageSent(step1);
    t.messageSent(step2); // 1
    t.acknowledge(1);
    expect(t.state).toBe("saved");
    t.messageSent(update); // 2
    t.localEdit(true);
    t.messageSent(awareness);
    t.messageSent(update); // 3
    t.localEdit(true);
    expect(t.state).toBe("saving");
    t.acknowledge(2);
    expect(t.state).toBe("saving");
    t.acknowledge(3);
    expect(t.state).toBe("saved");
  });

  it("keeps offline edits unsaved until a reconnect's sync step 2 carrying them is acknowledged", () => {
    const t = new SaveTracker();
    t.socketOpened();
    t.messageSent(update); // 1, never acknowledged
    t.localEdit(true);
    t.socketClosed();
    expect(t.state).toBe("unsaved");
    t.localEdit(false);
    expect(t.state).toBe("unsaved");
    t.socketOpened();
    t.messageSent(step1);
    expect(t.state).toBe("unsaved");
    t.messageSent(step2); // 1 on the new socket
    expect(t.state).toBe("saving");
    t.acknowledge(1);
    expect(t.state).toBe("saved");
  });

  it("ignores acknowledgements from before a reconnect", () => {
    const t = new SaveTracker();
    t.socketOpened();
    t.messageSent(update);
    t.messageSent(update);
    t.socketOpened();
    t.acknowledge(5);
    expect(t.state).toBe("unsaved");
  });

  it("notifies listeners", () => {
    const t = new SaveTracker();
    const seen: string[] = [];
    t.onChange((s) => seen.push(s));
    t.socketOpened();
    t.messageSent(update);
    t.acknowledge(1);
    expect(seen).toEqual(["saved", "saving", "saved"]);
  });
});
