import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getStore } from "@/lib/db/store";
import { serverEnv } from "@/lib/env";
import { articlePath } from "@/lib/site/seo";
import {
  getLatest,
  getPopular,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { openPreview } from "@/lib/stories/preview";
import { PREVIEW_TOKEN_PATTERN } from "@/lib/stories/preview-token";
import { articleMetadata } from "../../_components/articleMetadata";
import { ArticleView } from "../../_components/ArticleView";
import { PreviewNotice } from "../../_components/PreviewNotice";

// A draft as it stands now: never prerendered, never cached.
export const dynamic = "force-dynamic";

const tokenSchema = z.string().max(1000).regex(PREVIEW_TOKEN_PATTERN);

// Once per request: the metadata and the page read the same draft.
const open = cache(async (token: string) => {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return { kind: "invalid" } as const;
  return openPreview(
    await getStore(),
    parsed.data,
    serverEnv().NEXTAUTH_SECRET,
  );
});

async function load(props: PageProps<"/preview/[token]">) {
  return open((await props.params).token);
}

export async function generateMetadata(
  props: PageProps<"/preview/[token]">,
): Promise<Metadata> {
  const opened = await load(props);
  const robots = { index: false, follow: false };
  if (opened.kind !== "draft") return { title: "Page not found", robots };
  const metadata = articleMetadata(siteIdentity(), opened.article);
  return {
    ...metadata,
    title: `Preview: ${String(metadata.title ?? opened.article.headline)}`,
    robots,
  };
}

/**
 * A story's draft, opened with a preview link: exactly as its article page would show it, under
 * a notice that says it is a preview. Published since the link was made: the live page.
 */
export default async function PreviewPage(
  props: PageProps<"/preview/[token]">,
) {
  const opened = await load(props);
  if (opened.kind === "published") redirect(articlePath(opened.slug));
  if (opened.kind !== "draft") notFound();
  const [popular, latest] = await Promise.all([getPopular(5), getLatest(6)]);
  const tz = siteTimeZone();
  return (
    <ArticleView
      article={opened.article}
      site={siteIdentity()}
      timeZone={tz}
      popular={popular}
      latest={latest}
      notice={
        <PreviewNotice
          expiresAt={opened.expiresAt}
          path={articlePath(opened.article.slug)}
          timeZone={tz}
        />
      }
    />
  );
}
