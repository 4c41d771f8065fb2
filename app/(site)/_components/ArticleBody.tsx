import {
  datelineLabel,
  IMAGE_SIZES,
  responsiveImages,
  splitLeadFigure,
  withDateline,
} from "@/lib/site/html";
import "./article.css";

/**
 * An article's body as the site shows it: a photo that opens the story as its lead, then the
 * text, opened by the dateline ("BUSAN —") when there is one. `html` is rendered on the server
 * from the stored document with the shared schema (lib/editor/render.ts) and only
 * post-processed here: never client HTML.
 */
export function ArticleBody({
  html,
  dateline,
}: {
  html: string;
  dateline?: string | null;
}) {
  const { leadFigureHtml, restHtml } = splitLeadFigure(html);
  return (
    <>
      {leadFigureHtml && (
        <div
          className="article-lead"
          dangerouslySetInnerHTML={{
            __html: responsiveImages(leadFigureHtml, {
              eagerFirst: true,
              sizes: IMAGE_SIZES.article,
            }),
          }}
        />
      )}
      <div
        className="article-body"
        dangerouslySetInnerHTML={{
          __html: responsiveImages(
            withDateline(restHtml, datelineLabel(dateline)),
            {
              eagerFirst: !leadFigureHtml,
              sizes: IMAGE_SIZES.article,
            },
          ),
        }}
      />
    </>
  );
}
