import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { listStoryViews } from "@/lib/stories";
import { NewStoryButton } from "./_components/NewStoryButton";
import { StatusBadge } from "./_components/StatusBadge";
import { TimeAgo } from "./_components/TimeAgo";

export const metadata: Metadata = { title: "Stories" };

export default async function StoriesPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const stories = await listStoryViews(await getStore(), user, {});
  return (
    <main className="nr-page">
      <div className="nr-page-head">
        <div>
          <h1>Stories</h1>
          <p className="nr-muted">
            Everything the desk is working on, most recently changed first.
          </p>
        </div>
        <NewStoryButton />
      </div>
      {stories.length === 0 ? (
        <p className="nr-empty">No stories yet. Start one with “New story”.</p>
      ) : (
        <table className="story-table">
          <thead>
            <tr>
              <th scope="col">Headline</th>
              <th scope="col">Status</th>
              <th scope="col">Authors</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {stories.map((story) => (
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
                  <StatusBadge status={story.status} />
                </td>
                <td className="story-authors">
                  {story.authors.map((a) => a.name).join(", ")}
                </td>
                <td className="story-updated">
                  <TimeAgo iso={story.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
