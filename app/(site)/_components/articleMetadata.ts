import type { Metadata } from "next";
import type { Article } from "@/lib/site/articles";
import { imageAtWidth } from "@/lib/site/html";
import {
  articleDescription,
  articlePath,
  searchTitle,
  socialCard,
  type SiteIdentity,
} from "@/lib/site/seo";

/** An article page's title, description, canonical link, OpenGraph and Twitter card. */
export function articleMetadata(
  site: SiteIdentity,
  article: Article,
): Metadata {
  const description = articleDescription(article);
  const card = socialCard(article);
  const image = article.image
    ? {
        url: imageAtWidth(article.image, 1200),
        alt: article.image.alt,
        ...(article.image.width && article.image.height
          ? {
              width: Math.min(article.image.width, 1600),
              height: Math.round(
                (article.image.height * Math.min(article.image.width, 1600)) /
                  article.image.width,
              ),
            }
          : {}),
      }
    : undefined;
  return {
    title: searchTitle(article),
    description,
    alternates: { canonical: articlePath(article.slug) },
    authors: article.bylines.map((b) => ({ name: b.name })),
    keywords: article.tags,
    openGraph: {
      type: "article",
      url: articlePath(article.slug),
      siteName: site.name,
      title: card.title,
      description: card.description,
      locale: "en_US",
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section ?? undefined,
      tags: article.tags,
      authors: article.bylines.map((b) => b.name),
      images: image ? [image] : undefined,
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title: card.title,
      description: card.description,
      images: image ? [{ url: image.url, alt: image.alt }] : undefined,
    },
  };
}
