import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { dashboard } from "@/lib/stories/story-list";
import { searchStaff } from "@/lib/people/accounts";
import { parseListFilter } from "@/lib/stories/list-filters";
import { LiveUpdates } from "./_components/LiveUpdates";
import { NewStoryButton } from "./_components/NewStoryButton";
import { StoryFilters } from "./_components/StoryFilters";
import { SpikedGroup, StoryGroup } from "./_components/StoryGroup";
import "./story-list.css";

export const metadata: Metadata = { title: "Stories" };

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
  const filtered = Boolean(
    filter.view !== "all" || filter.section || filter.author || filter.status,
  );
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
      <StoryFilters
        query={query}
        filter={filter}
        filtered={filtered}
        staff={staff}
      />
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
              <StoryGroup key={group.key} group={group} />
            ),
          )
      )}
    </main>
  );
}
