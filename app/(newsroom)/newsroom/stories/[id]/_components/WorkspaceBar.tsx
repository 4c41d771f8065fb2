"use client";

import Link from "next/link";
import type { SaveState } from "@/lib/collab/save-tracker";
import type { StoryDetails } from "@/lib/stories/details";
import { StatusBadge } from "../../../_components/StatusBadge";
import { LiveChanges } from "./LiveChanges";
import { Presence } from "./Presence";
import { PreviewLink } from "./PreviewLink";
import { SaveStatus } from "./SaveStatus";
import type { CollabHandle, ConnectionState } from "./useCollabSession";
import { WorkflowActions } from "./WorkflowActions";
import "./WorkspaceBar.css";

/**
 * The bar above the story: back to the list, the story's status, the save state, who is in the
 * story, the live page, a preview link and the workflow moves this person may make.
 */
export function WorkspaceBar({
  story,
  handle,
  connection,
  save,
  kept,
  readOnly,
  onChanged,
  latest,
}: {
  story: StoryDetails;
  /** The collaboration session, null until it has started. */
  handle: CollabHandle | null;
  connection: ConnectionState;
  save: SaveState;
  kept: boolean;
  readOnly: boolean;
  /** The story moved through the workflow: its new details. */
  onChanged: (next: StoryDetails) => void;
  /** Reads the story's details again from the server. */
  latest: () => Promise<StoryDetails | null>;
}) {
  return (
    <div className="workspace-bar">
      <Link href="/newsroom" className="button button-ghost">
        ← Stories
      </Link>
      <StatusBadge status={story.status} />
      <SaveStatus
        connection={connection}
        save={save}
        kept={kept}
        readOnly={readOnly}
      />
      <div className="workspace-actions">
        {handle && (
          <Presence provider={handle.provider} selfId={handle.user.id} />
        )}
        {story.liveUrl && (
          <LiveChanges
            storyId={story.id}
            updatedAt={story.updatedAt}
            status={story.status}
            save={readOnly ? "saved" : save}
          />
        )}
        {story.liveUrl && (
          <a
            className="button"
            href={story.liveUrl}
            target="_blank"
            rel="noreferrer"
          >
            View live
          </a>
        )}
        {/* Under an embargo nothing of the story may leave the newsroom. */}
        {!story.embargoUntil && <PreviewLink storyId={story.id} />}
        <WorkflowActions
          story={story}
          save={readOnly ? "saved" : save}
          onChanged={onChanged}
          latest={latest}
        />
      </div>
    </div>
  );
}
