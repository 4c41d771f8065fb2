"use client";

import { useState } from "react";
import { useHydrated } from "@/app/_components/useHydrated";
import type { SaveState } from "@/lib/collab/save-tracker";
import { slugForHeadline } from "@/lib/db/slug";
import type { StoryDetails } from "@/lib/stories/details";
import { newsroomTime } from "@/lib/newsroom-time";
import { ActionsMenu, type MenuAction } from "./ActionsMenu";
import { SpikeDialog } from "./SpikeDialog";
import {
  WorkflowDialog,
  type MoveBody,
  type WorkflowDialogKind,
} from "./WorkflowDialog";
import "./WorkflowActions.css";

type Transition = StoryDetails["permissions"]["transitions"][number];

interface Props {
  story: StoryDetails;
  save: SaveState;
  onChanged: (next: StoryDetails) => void;
  /** The story's details as the server has them now (null when they could not be read). */
  latest: () => Promise<StoryDetails | null>;
}

/** The address a move to `to` concerns: where the story is, or will be, on the site. */
function addressFor(story: StoryDetails): string {
  return `/news/${
    story.firstPublishedAt || story.slugCustom
      ? story.slug
      : slugForHeadline(story.headline, story.id)
  }`;
}

/**
 * Moves kept out of the bar, in the "More" menu: taking a story off the site and, once it is
 * published, going back to the draft or to review (Republish is what a published story needs).
 */
function isSecondary(story: StoryDetails, t: Transition): boolean {
  if (t.to === "unpublished") return true;
  if (story.status === "published") return t.to !== "published";
  return story.status === "approved" && t.to === "draft";
}

/**
 * The moves the signed-in person may make on the story now (submit, return, approve, publish,
 * schedule, republish, unpublish…): the two or three that matter in the bar, the rest in a menu.
 * Publishing and unpublishing ask first, naming the story and its address. Waits for pending
 * edits to be saved before moving it, so the version the desk sees is the one on screen.
 */
export function WorkflowActions({ story, save, onChanged, latest }: Props) {
  const [dialog, setDialog] = useState<WorkflowDialogKind | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [spiking, setSpiking] = useState(false);
  const transitions = story.permissions.transitions;
  if (transitions.length === 0) return null;

  async function move(body: MoveBody) {
    setPending(true);
    setError(null);
    const response = await fetch(`/api/stories/${story.id}/transitions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The state this person acted on: if a colleague moved the story meanwhile, nothing happens.
      body: JSON.stringify({ ...body, from: story.status }),
    });
    const result = (await response.json().catch(() => null)) as
      (StoryDetails & { error?: { message?: string } }) | null;
    setPending(false);
    if (!response.ok || !result || result.error) {
      setError(result?.error?.message ?? "The story could not be moved.");
      return;
    }
    setDialog(null);
    onChanged(result);
  }

  async function start(t: Transition) {
    if (t.requiresNote) return setDialog({ kind: "note", transition: t });
    if (t.to !== "published" && t.to !== "unpublished")
      return void move({ to: t.to });
    // Named as the server has it now: the headline typed a moment ago is stored (the button
    // waits for it), the details may not have been read since.
    setPending(true);
    const now = (await latest()) ?? story;
    setPending(false);
    setDialog({
      kind: "confirm",
      transition: t,
      headline: now.headline,
      path: addressFor(now),
    });
  }

  const waiting = save !== "saved";
  const primary = (t: Transition) =>
    ["submitted", "approved", "published"].includes(t.to) &&
    !(t.to === "submitted" && story.status === "published");
  const canSchedule =
    story.status === "approved" &&
    transitions.some((t) => t.to === "published");
  let direct = transitions.filter((t) => !isSecondary(story, t));
  let more = transitions.filter((t) => isSecondary(story, t));
  // Someone whose only moves are secondary (a reporter on a published story) sees the first.
  if (direct.length === 0) [direct, more] = [more.slice(0, 1), more.slice(1)];
  const menu: MenuAction[] = more.map((t) => ({
    label: t.to === "unpublished" ? `${t.label}…` : t.label,
    danger: t.to === "unpublished",
    onSelect: () => void start(t),
  }));
  if (story.permissions.spike)
    menu.push({
      label: "Spike story…",
      danger: true,
      onSelect: () => setSpiking(true),
    });

  return (
    <div className="workflow">
      {direct.map((t) => (
        <button
          key={`${t.to}-${t.label}`}
          type="button"
          className={`button${primary(t) ? " button-primary" : ""}`}
          disabled={!hydrated || pending || waiting}
          title={waiting ? "Waiting for your changes to be saved" : undefined}
          aria-haspopup={
            t.requiresNote || t.to === "published" ? "dialog" : undefined
          }
          onClick={() => void start(t)}
        >
          {t.label}
        </button>
      ))}
      {canSchedule && (
        <button
          type="button"
          className="button"
          disabled={!hydrated || pending || waiting}
          aria-haspopup="dialog"
          onClick={() => setDialog({ kind: "schedule" })}
        >
          Schedule…
        </button>
      )}
      {menu.length > 0 && (
        <ActionsMenu
          label="More"
          actions={menu}
          disabled={!hydrated || pending || waiting}
        />
      )}
      {story.scheduledAt && (
        <span className="workflow-note">
          Goes live{" "}
          <time dateTime={story.scheduledAt}>
            {newsroomTime(story.scheduledAt)}
          </time>
        </span>
      )}
      {spiking && (
        <SpikeDialog
          storyId={story.id}
          headline={story.headline}
          onCancel={() => setSpiking(false)}
        />
      )}
      {story.embargoUntil && (
        <span className="workflow-note workflow-embargo">
          Embargoed until{" "}
          <time dateTime={story.embargoUntil}>
            {newsroomTime(story.embargoUntil)}
          </time>
        </span>
      )}
      {dialog && (
        <WorkflowDialog
          dialog={dialog}
          storyStatus={story.status}
          seenByReaders={story.firstPublishedAt !== null}
          pending={pending}
          onCancel={() => setDialog(null)}
          onSubmit={(body) => void move(body)}
        />
      )}
      {error && (
        <p
          className={`alert alert-error workflow-error${
            dialog ? " workflow-error-dialog" : ""
          }`}
          role="alert"
        >
          {error}
        </p>
      )}
    </div>
  );
}
