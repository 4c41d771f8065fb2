import Link from "next/link";
import type { DashboardGroup } from "@/lib/stories/story-list";
import { SPIKE_KEPT_DAYS } from "@/lib/stories/spike";
import { newsroomTime } from "@/lib/newsroom-time";
import { RestoreButton } from "./RestoreButton";
import { StatusBadge } from "./StatusBadge";
import { TimeAgo } from "./TimeAgo";

/** The desk's spiked stories, folded away: each can be restored until it is deleted. */
export function SpikedGroup({ group }: { group: DashboardGroup }) {
  const day = 24 * 3600 * 1000;
  return (
    <section className="story-group" aria-label="Spiked">
      <details className="spiked">
        <summary className="story-group-title">
          Spiked{" "}
          <span className="story-group-count">{group.stories.length}</span>
        </summary>
        <p className="nr-muted">
          Out of the lists; each is deleted {SPIKE_KEPT_DAYS} days after it was
          spiked.
        </p>
        <ul className="spiked-list">
          {group.stories.map((story) => (
            <li key={story.id}>
              <Link href={`/newsroom/stories/${story.id}`}>
                {story.headline || "Untitled story"}
              </Link>
              <span className="nr-muted">
                {story.authors.map((a) => a.name).join(", ")} · kept until{" "}
                {newsroomTime(
                  new Date(Date.parse(story.spikedAt!) + SPIKE_KEPT_DAYS * day),
                )}
              </span>
              <RestoreButton
                storyId={story.id}
                headline={story.headline || "Untitled story"}
              />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/** A group of the story list (mine, in review, …) as a table, or a line saying it is empty. */
export function StoryGroup({ group }: { group: DashboardGroup }) {
  const headingId = `group-${group.key}`;
  return (
    <section className="story-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="story-group-title">
        {group.title}{" "}
        <span className="story-group-count">{group.stories.length}</span>
      </h2>
      {group.stories.length === 0 ? (
        <p className="story-group-empty">Nothing here.</p>
      ) : (
        <table className="story-table">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">Authors</th>
              <th scope="col" className="num">
                Words
              </th>
              <th scope="col">In the story</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {group.stories.map((story) => (
              <tr key={story.id}>
                <td className="story-headline">
                  <Link href={`/newsroom/stories/${story.id}`}>
                    {story.headline || "Untitled story"}
                  </Link>
                  {story.section && (
                    <span className="story-section">{story.section}</span>
                  )}
                </td>
                <td>
                  {story.returned === null ? (
                    <StatusBadge status={story.status} />
                  ) : (
                    <>
                      <span className="status-badge status-returned">
                        Returned
                      </span>
                      {story.returned && (
                        <span className="story-return-note">
                          {story.returned}
                        </span>
                      )}
                    </>
                  )}
                  {story.scheduledAt && (
                    <span className="story-schedule">
                      Goes live {newsroomTime(story.scheduledAt)}
                    </span>
                  )}
                  {story.dueAt && story.status !== "published" && (
                    <span
                      className={`story-due${story.overdue ? " is-overdue" : ""}`}
                    >
                      Due {newsroomTime(story.dueAt)}
                    </span>
                  )}
                  {story.assignee && (
                    <span className="story-assignee">
                      Assigned to {story.assignee.name}
                    </span>
                  )}
                  {story.embargoUntil && (
                    <span className="story-schedule story-embargo">
                      Embargoed until {newsroomTime(story.embargoUntil)}
                    </span>
                  )}
                </td>
                <td className="story-authors" data-label="By">
                  {story.authors.map((a) => a.name).join(", ")}
                </td>
                <td className="num" data-label="Words">
                  {story.wordCount.toLocaleString("en")}
                </td>
                <td className="story-present" data-label="In the story">
                  {story.present.length > 0 ? (
                    story.present.join(", ")
                  ) : (
                    <span className="nr-muted">—</span>
                  )}
                </td>
                <td className="story-updated" data-label="Changed">
                  <TimeAgo iso={story.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
