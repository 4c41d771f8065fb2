import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { getStore } from "@/lib/db/store";
import { AppError } from "@/lib/errors";
import { storyDetails } from "@/lib/stories/details";
import { versionDetails } from "@/lib/stories/version-history";
import { statusLabels } from "@/lib/workflow/states";
import { ArticleBody } from "@/app/(site)/_components/ArticleBody";
import { newsroomTime } from "@/lib/newsroom-time";
import { RestoreButton } from "./RestoreButton";
import "./version.css";

export const metadata: Metadata = { title: "Version" };

export default async function VersionPage({
  params,
}: PageProps<"/newsroom/stories/[id]/versions/[versionId]">) {
  const { id, versionId } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const store = await getStore();
  const loaded = await Promise.all([
    storyDetails(store, user, id),
    versionDetails(store, user, id, versionId),
  ]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [story, version] = loaded;
  const when = newsroomTime(version.createdAt);

  return (
    <main className="nr-page version-page">
      <p>
        <Link href={`/newsroom/stories/${id}`} className="button button-ghost">
          ← Back to the story
        </Link>
      </p>
      <div className="nr-page-head">
        <div>
          <h1>{version.name}</h1>
          <p className="nr-muted">
            Saved {when}
            {version.createdBy && ` by ${version.createdBy.name}`} · the story
            was {statusLabels[version.status].toLowerCase()} · read-only
          </p>
        </div>
        {story.permissions.edit && (
          <RestoreButton
            storyId={id}
            versionId={versionId}
            name={version.name}
          />
        )}
      </div>
      <div className="version-grid">
        {/* Shown as the site shows an article (its components and styles), so a version looks
            as it would once published. */}
        <article
          className="paper version-paper article-frame"
          aria-label="This version"
        >
          <p className="version-label">This version</p>
          <h2 className="article-headline version-headline">
            {version.headline || "Untitled story"}
          </h2>
          {version.deck && <p className="article-deck">{version.deck}</p>}
          <ArticleBody html={version.bodyHtml} />
        </article>
        <section
          className="paper version-paper"
          aria-label="Changes since this version"
        >
          <p className="version-label">
            Changes since this version · key: <ins>added</ins>{" "}
            <del>removed</del>
          </p>
          <div
            className="version-diff"
            dangerouslySetInnerHTML={{ __html: version.changesSince.headline }}
          />
          <div
            className="version-diff version-diff-deck"
            dangerouslySetInnerHTML={{ __html: version.changesSince.deck }}
          />
          <div
            className="version-diff version-diff-body"
            dangerouslySetInnerHTML={{ __html: version.changesSince.body }}
          />
        </section>
      </div>
    </main>
  );
}
