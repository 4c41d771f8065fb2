import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isValidSlug } from "@/lib/db/slug";
import {
  getArticle,
  getLatest,
  getPopular,
  siteIdentity,
  siteTimeZone,
} from "@/lib/site/service";
import { articleMetadata } from "../../_components/articleMetadata";
import { ArticleView } from "../../_components/ArticleView";

// Reads the store on every request (through the site cache); never prerendered at build time.
export const dynamic = "force-dynamic";

async function load(slug: string) {
  return isValidSlug(slug) ? getArticle(slug) : undefined;
}

export async function generateMetadata({
  params,
}: PageProps<"/news/[slug]">): Promise<Metadata> {
  const article = await load((await params).slug);
  if (!article) return { title: "Page not found" };
  return articleMetadata(siteIdentity(), article);
}

export default async function ArticlePage({
  params,
}: PageProps<"/news/[slug]">) {
  const article = await load((await params).slug);
  if (!article) notFound();
  const [popular, latest] = await Promise.all([getPopular(5), getLatest(6)]);
  return (
    <ArticleView
      article={article}
      site={siteIdentity()}
      timeZone={siteTimeZone()}
      popular={popular}
      latest={latest}
    />
  );
}
