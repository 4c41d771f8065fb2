import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { dashboard, type DashboardGroup } from "@/lib/stories/story-list";
import { LiveUpdates } from "./_components/LiveUpdates";
import { NewStoryButton } from "./_components/NewStoryButton";
import { StatusBadge } from "./_components/StatusBadge";
import { TimeAgo } from "./_components/TimeAgo";
import "./story-list.css";

export const metadata: Metadata = { title: "Stories" };

function when(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

export default async function StoriesPage({
  searchParams,
}: PageProps<"/newsroom">) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const raw = (await searchParams).q;
  const query = typeof raw === "string" ? raw.trim().slice(0, 200) : "";
  const groups = await dashboard(await getStore(), user, query || undefined);
  const total = groups.reduce((n, g) => n + g.stories.length, 0);

  return (
    <main className="nr-page">
      <div className="nr-page-head">
        <div>
          <h1>Stories</h1>
          <p className="nr-muted">
            Where every story is in the desk’s workflow, most recently changed
            first.
          </p>
          <LiveUpdates />
        </div>
        <NewStoryButton />
      </div>
      <form className="story-search" role="search" action="/newsroom">
        <label htmlFor="story-search" className="visually-hidden">
          Search headlines
        </label>
        <input
          id="story-search"
          className="input"
          type="search"
          name="q"
          defaultValue={query}
          placeholder="Search headlines"
        />
        <button type="submit" className="button">
          Search
        </button>
        {query && (
          <Link href="/newsroom" className="button button-ghost">
            Clear
          </Link>
        )}
      </form>
      {total === 0 ? (
        <p className="nr-empty">
          {query
            ? `No story headline matches “${query}”.`
            : "No stories yet. Start one with “New story”."}
        </p>
      ) : (
        groups
          .filter(
            (g) =>
              g.stories.length > 0 || g.key === "mine" || g.key === "review",
          )
          .map((group) => <Group key={group.key} group={group} />)
      )}
    </main>
  );
}

function Group({ group }: { group: DashboardGroup }) {
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
                      Goes live {when(story.scheduledAt)}
                    </span>
                  )}
                  {story.embargoUntil && (
                    <span className="story-schedule story-embargo">
                      Embargoed until {when(story.embargoUntil)}
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
