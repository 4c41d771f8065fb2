import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { can, suggestsByDefault } from "./permissions";
import { type Actor } from "./actors";
import { storyStatuses, type StoryStatus } from "./states";
import { assertTransition, availableTransitions } from "./transitions";

const actors = {
  author: { id: "author", role: "reporter" },
  otherReporter: { id: "other", role: "reporter" },
  editor: { id: "editor", role: "editor" },
  admin: { id: "admin", role: "admin" },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof actors;

/**
 * The expected outcome of every move, written out by hand: "ok" allowed; "desk" refused 403
 * (editors only); "authors" refused 403 (authors and editors only); "state" refused 409 (the
 * person may make this move, but not from this state). Rows: from → to; columns: author,
 * other reporter, editor, admin.
 */
const expected: Record<
  StoryStatus,
  Record<StoryStatus, [string, string, string, string]>
> = {
  draft: {
    draft: ["state", "authors", "state", "state"],
    submitted: ["ok", "authors", "ok", "ok"],
    approved: ["desk", "desk", "state", "state"],
    published: ["desk", "desk", "state", "state"],
    unpublished: ["desk", "desk", "state", "state"],
  },
  submitted: {
    draft: ["ok", "authors", "ok", "ok"],
    submitted: ["state", "authors", "state", "state"],
    approved: ["desk", "desk", "ok", "ok"],
    published: ["desk", "desk", "state", "state"],
    unpublished: ["desk", "desk", "state", "state"],
  },
  approved: {
    draft: ["desk", "desk", "ok", "ok"],
    submitted: ["state", "authors", "state", "state"],
    approved: ["desk", "desk", "state", "state"],
    published: ["desk", "desk", "ok", "ok"],
    unpublished: ["desk", "desk", "state", "state"],
  },
  published: {
    draft: ["ok", "authors", "ok", "ok"],
    submitted: ["ok", "authors", "ok", "ok"],
    approved: ["desk", "desk", "state", "state"],
    published: ["desk", "desk", "ok", "ok"],
    unpublished: ["desk", "desk", "ok", "ok"],
  },
  unpublished: {
    draft: ["ok", "authors", "ok", "ok"],
    submitted: ["state", "authors", "state", "state"],
    approved: ["desk", "desk", "state", "state"],
    published: ["desk", "desk", "ok", "ok"],
    unpublished: ["desk", "desk", "state", "state"],
  },
};

function outcome(actor: Actor, from: StoryStatus, to: StoryStatus): string {
  try {
    assertTransition(
      actor,
      { status: from, authorIds: ["author"] },
      to,
      "a note",
    );
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) return "unexpected";
    if (error.code === "conflict") return "state";
    if (error.code === "forbidden")
      return error.message.startsWith("Only editors") ? "desk" : "authors";
    return error.code;
  }
}

describe("the workflow state machine", () => {
  const names = Object.keys(actors) as ActorName[];
  for (const from of storyStatuses) {
    for (const to of storyStatuses) {
      it(`${from} → ${to}`, () => {
        names.forEach((name, i) =>
          expect(outcome(actors[name], from, to), name).toBe(
            expected[from][to][i],
          ),
        );
      });
    }
  }

  it("explains refusals: the role (403) or the state (409)", () => {
    expect(() =>
      assertTransition(
        actors.author,
        { status: "submitted", authorIds: ["author"] },
        "approved",
      ),
    ).toThrow("Only editors can approve a story.");
    expect(() =>
      assertTransition(
        actors.author,
        { status: "draft", authorIds: ["author"] },
        "published",
      ),
    ).toThrow("Only editors can publish a story.");
    expect(() =>
      assertTransition(
        actors.editor,
        { status: "draft", authorIds: [] },
        "published",
      ),
    ).toThrow(
      "A story that is draft cannot be moved to published (only from: approved, published, unpublished).",
    );
  });

  it("requires a note to return a story", () => {
    const submitted = { status: "submitted" as const, authorIds: ["author"] };
    for (const note of [undefined, "", "   "]) {
      expect(() =>
        assertTransition(actors.editor, submitted, "draft", note),
      ).toThrow(/note is required/);
    }
    expect(
      assertTransition(
        actors.editor,
        submitted,
        "draft",
        "Check the second quote.",
      ).label,
    ).toBe("Return to reporter");
  });

  it("lists the moves each person can make, with labels", () => {
    const submitted = { status: "submitted" as const, authorIds: ["author"] };
    expect(
      availableTransitions(actors.editor, submitted).map((t) => t.label),
    ).toEqual(["Return to reporter", "Approve"]);
    // Authors may take their submission back, without a note; the desk returns it with one.
    expect(availableTransitions(actors.author, submitted)).toEqual([
      { to: "draft", label: "Withdraw submission", requiresNote: false },
    ]);
    expect(() =>
      assertTransition(actors.editor, submitted, "draft", ""),
    ).toThrow(/note is required/);
    expect(
      availableTransitions(actors.author, {
        status: "draft",
        authorIds: ["author"],
      }),
    ).toEqual([
      { to: "submitted", label: "Submit for review", requiresNote: false },
    ]);
  });
});

describe("editing while the desk reviews", () => {
  it("makes authors read-only while submitted or approved, never the desk", () => {
    const editable = (actor: Actor, status: StoryStatus) =>
      can(actor, "edit", { status, authorIds: ["author"] });
    expect(storyStatuses.filter((s) => editable(actors.author, s))).toEqual([
      "draft",
      "published",
      "unpublished",
    ]);
    expect(
      storyStatuses.filter((s) => editable(actors.otherReporter, s)),
    ).toEqual([]);
    expect(storyStatuses.filter((s) => editable(actors.editor, s))).toEqual([
      ...storyStatuses,
    ]);
  });

  it("has the desk suggest by default while it reviews, and no one else", () => {
    const suggests = (actor: Actor) =>
      storyStatuses.filter((status) =>
        suggestsByDefault(actor, { status, authorIds: ["author"] }),
      );
    expect(suggests(actors.editor)).toEqual(["submitted", "approved"]);
    expect(suggests(actors.admin)).toEqual(["submitted", "approved"]);
    expect(suggests(actors.author)).toEqual([]);
  });
});
