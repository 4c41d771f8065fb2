import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { dashboard, type DashboardGroup } from "@/lib/stories/story-list";
import { searchStaff } from "@/lib/people/accounts";
import { parseListFilter, type ListView } from "@/lib/stories/list-filters";
import { sections } from "@/lib/stories/sections";
import { SPIKE_KEPT_DAYS } from "@/lib/stories/spike";
import { statusLabels, storyStatuses } from "@/lib/workflow/states";
import { LiveUpdates } from "./_components/LiveUpdates";
import { RestoreButton } from "./_components/RestoreButton";
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
  const params = await searchParams;
  const raw = params.q;
  const query = typeof raw === "string" ? raw.trim().slice(0, 200) : "";
  const filter = parseListFilter(params);
  const store = await getStore();
  const [groups, staff] = await Promise.all([
    dashboard(store, user, query || undefined, filter),
    searchStaff(store, { limit: 50 }),
  ]);
  const filtered =
    filter.view !== "all" || filter.section || filter.author || filter.status;
  /** This page's address with `view` changed, the rest kept. */
  const withView = (view: ListView) => {
    const next = new URLSearchParams();
    if (query) next.set("q", query);
    if (view !== "all") next.set("view", view);
    for (const key of ["section", "author", "status"] as const)
      if (filter[key]) next.set(key, filter[key]);
    const search = next.toString();
    return search ? `/newsroom?${search}` : "/newsroom";
  };
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
      <nav aria-label="Story views" className="story-views">
        {(
          [
            ["all", "All"],
            ["mine", "Mine"],
            ["due-today", "Due today"],
            ["overdue", "Overdue"],
          ] as const
        ).map(([view, label]) => (
          <Link
            key={view}
            href={withView(view)}
            aria-current={filter.view === view ? "page" : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      <form className="story-search" role="search" action="/newsroom">
        {filter.view !== "all" && (
          <input type="hidden" name="view" value={filter.view} />
        )}
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
        <label className="story-filter">
          <span className="visually-hidden">Section</span>
          <select
            name="section"
            className="input"
            defaultValue={filter.section ?? ""}
          >
            <option value="">Any section</option>
            {sections().map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="story-filter">
          <span className="visually-hidden">Author</span>
          <select
            name="author"
            className="input"
            defaultValue={filter.author ?? ""}
          >
            <option value="">Any author</option>
            {staff
              .filter((p) => p.role === "reporter")
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        <label className="story-filter">
          <span className="visually-hidden">State</span>
          <select
            name="status"
            className="input"
            defaultValue={filter.status ?? ""}
          >
            <option value="">Any state</option>
            {storyStatuses.map((status) => (
              <option key={status} value={status}>
                {statusLabels[status]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Search
        </button>
        {(query || filtered) && (
          <Link href="/newsroom" className="button button-ghost">
            Clear
          </Link>
        )}
      </form>
      {total === 0 ? (
        <p className="nr-empty">
          {query || filtered
            ? `No story matches${query ? ` “${query}”` : " these filters"}.`
            : "No stories yet. Start one with “New story”."}
        </p>
      ) : (
        groups
          .filter(
            (g) =>
              g.stories.length > 0 || g.key === "mine" || g.key === "review",
          )
          .map((group) =>
            group.key === "spiked" ? (
              <SpikedGroup key={group.key} group={group} />
            ) : (
              <Group key={group.key} group={group} />
            ),
          )
      )}
    </main>
  );
}

/** The desk's spiked stories, folded away: each can be restored until it is deleted. */
function SpikedGroup({ group }: { group: DashboardGroup }) {
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
                {when(
                  new Date(
                    Date.parse(story.spikedAt!) + SPIKE_KEPT_DAYS * day,
                  ).toISOString(),
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
                  {story.dueAt && story.status !== "published" && (
                    <span
                      className={`story-due${story.overdue ? " is-overdue" : ""}`}
                    >
                      Due {when(story.dueAt)}
                    </span>
                  )}
                  {story.assignee && (
                    <span className="story-assignee">
                      Assigned to {story.assignee.name}
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
