import { describe, expect, it } from "vitest";
import {
  can,
  canCreateStory,
  suggestsOnly,
  type StoryAction,
} from "./permissions";
import { roles, type Actor } from "./actors";
import { storyStatuses } from "./states";

const author: Actor = { id: "author", role: "reporter" };
const otherReporter: Actor = { id: "other", role: "reporter" };
const editor: Actor = { id: "editor", role: "editor" };
const admin: Actor = { id: "admin", role: "admin" };

describe("can", () => {
  for (const status of storyStatuses) {
    const story = { status, authorIds: ["author"] };
    it(`lets everyone read a ${status} story`, () => {
      for (const actor of [author, otherReporter, editor, admin])
        expect(can(actor, "view", story)).toBe(true);
    });
    const underReview = status === "submitted" || status === "approved";
    it(`lets ${underReview ? "only the desk" : "authors and the desk"}, not other reporters, edit a ${status} story`, () => {
      expect(can(author, "edit", story)).toBe(!underReview);
      expect(can(editor, "edit", story)).toBe(true);
      expect(can(admin, "edit", story)).toBe(true);
      expect(can(otherReporter, "edit", story)).toBe(false);
    });
    it(`lets ${underReview ? "authors only suggest in" : "no one only suggest in"} a ${status} story`, () => {
      expect(suggestsOnly(author, story)).toBe(underReview);
      expect(can(author, "suggest", story)).toBe(true);
      for (const actor of [editor, admin]) {
        expect(suggestsOnly(actor, story)).toBe(false);
        expect(can(actor, "suggest", story)).toBe(true);
      }
      expect(can(otherReporter, "suggest", story)).toBe(false);
      expect(suggestsOnly(otherReporter, story)).toBe(false);
    });
  }

  it("lets only the desk publish", () => {
    const story = { status: "draft" as const, authorIds: ["author"] };
    const table: Array<[Actor, boolean]> = [
      [author, false],
      [otherReporter, false],
      [editor, true],
      [admin, true],
    ];
    for (const [actor, allowed] of table)
      expect(can(actor, "publish", story), actor.id).toBe(allowed);
  });

  it("lets authors and the desk manage co-authors", () => {
    const story = { status: "draft" as const, authorIds: ["author"] };
    const action: StoryAction = "manage-authors";
    expect(can(author, action, story)).toBe(true);
    expect(can(editor, action, story)).toBe(true);
    expect(can(otherReporter, action, story)).toBe(false);
  });

  it("lets every role create stories", () => {
    for (const role of roles)
      expect(canCreateStory({ id: "x", role })).toBe(true);
  });
});
