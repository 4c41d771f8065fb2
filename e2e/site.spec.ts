import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./journey";

import { expectSiteNotFound } from "./fixtures";
import { ARTICLE, HEADLINE } from "./site-sample";

/** The sample article's paragraphs and figures, in order, from the Markdown it ships as. */
function sampleArticle() {
  const markdown = fs.readFileSync(
    path.join(import.meta.dirname, "../content/sample-article.md"),
    "utf8",
  );
  const body = markdown.replace(/^---[\s\S]*?\n---\n/, "");
  const blocks = body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const figures: Array<{ caption: string; credit: string; before: string }> =
    [];
  const paragraphs: string[] = [];
  for (const block of blocks) {
    const figure = /^!\[([\s\S]*)\]\(\S+ "([^"]*)"\)$/.exec(block);
    if (figure)
      figures.push({
        caption: figure[1]!.trim(),
        credit: figure[2]!,
        before: "",
      });
    else {
      paragraphs.push(block.replace(/\s+/g, " "));
      const last = figures.at(-1);
      if (last && !last.before) last.before = paragraphs.at(-1)!;
    }
  }
  return { paragraphs, figures };
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`),
  ).toEqual([]);
}

test("the sample article reads as it does in the newspaper", async ({
  page,
}) => {
  const sample = sampleArticle();
  expect(sample.paragraphs).toHaveLength(24);
  expect(sample.figures).toHaveLength(2);

  await page.goto(ARTICLE);
  const article = page.getByRole("article");
  // The section above the headline (the tag of the same name comes last).
  await expect(
    article.getByRole("link", { name: "North Korea", exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: HEADLINE }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  // The sample's own date, in the paper's style and the site's time zone (Seoul).
  await expect(
    article.getByText("Published : Oct. 18, 2024 - 14:03", { exact: true }),
  ).toBeVisible();

  // Every paragraph, in the order of the original.
  const texts = (await article.getByRole("paragraph").allInnerTexts()).map(
    (t) => t.replace(/\s+/g, " ").trim(),
  );
  let at = -1;
  for (const paragraph of sample.paragraphs) {
    const found = texts.indexOf(paragraph, at + 1);
    expect(
      found,
      `paragraph in order: ${paragraph.slice(0, 60)}`,
    ).toBeGreaterThan(at);
    at = found;
  }

  // Both photos with their caption underneath and the credit; the second in its place.
  const figures = article.getByRole("figure");
  await expect(figures).toHaveCount(2);
  for (const [i, expected] of sample.figures.entries()) {
    const figure = figures.nth(i);
    const image = figure.getByRole("img", { name: expected.caption });
    await expect(image).toBeVisible();
    await expect(figure).toContainText(expected.caption);
    await expect(figure).toContainText(expected.credit);
    const caption = figure.getByText(expected.caption, { exact: true });
    const [imageBox, captionBox] = [
      await image.boundingBox(),
      await caption.boundingBox(),
    ];
    expect(captionBox!.y).toBeGreaterThanOrEqual(
      imageBox!.y + imageBox!.height - 1,
    );
  }
  const order = await page.evaluate(
    ([before]) => {
      const blocks = [
        ...document.querySelectorAll("article p, article figure"),
      ].map((el) =>
        el.tagName === "FIGURE"
          ? "FIGURE"
          : (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      );
      const figureIndexes = blocks
        .map((b, i) => (b === "FIGURE" ? i : -1))
        .filter((i) => i >= 0);
      return {
        figureIndexes,
        afterSecond: blocks[figureIndexes[1]! + 1],
        beforeFirst: blocks.indexOf(before!),
      };
    },
    [sample.figures[0]!.before],
  );
  expect(order.afterSecond).toBe(sample.figures[1]!.before);
  expect(order.figureIndexes[0]).toBeLessThan(order.beforeFirst);

  // Responsive, no layout shift: the lead photo eager, the second lazy, both sized.
  const lead = figures.nth(0).getByRole("img");
  await expect(lead).toHaveAttribute("loading", "eager");
  await expect(lead).toHaveAttribute(
    "srcset",
    /-480\.jpg 480w, .*-960\.jpg 960w/,
  );
  await expect(lead).toHaveAttribute("sizes", /.+/);
  await expect(lead).toHaveAttribute("width", "1600");
  await expect(lead).toHaveAttribute("height", "1000");
  await expect(figures.nth(1).getByRole("img")).toHaveAttribute(
    "loading",
    "lazy",
  );

  // Byline, Back to top, and the rail beside the article.
  await expect(
    article.getByText("By Ji Da-gyum (dagyumji@heraldcorp.com)", {
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    article.getByRole("link", { name: "dagyumji@heraldcorp.com" }),
  ).toHaveAttribute("href", "mailto:dagyumji@heraldcorp.com");
  const rail = page.getByRole("complementary", { name: "More news" });
  for (const name of ["Most popular", "Latest news", "Subscribe"])
    await expect(rail.getByRole("heading", { level: 2, name })).toBeVisible();
  await expect(
    rail.getByRole("link", { name: HEADLINE }).first(),
  ).toBeVisible();
  const railBox = await rail.boundingBox();
  const articleBox = await article.boundingBox();
  expect(railBox!.x).toBeGreaterThan(articleBox!.x + articleBox!.width - 1);

  // The reporters' tags, each linking to its page.
  const tags = article.getByRole("navigation", { name: "Tags" });
  await expect(tags.getByRole("link")).toHaveText([
    "North Korea",
    "Russia",
    "Ukraine",
    "NIS",
  ]);
  await expect(tags.getByRole("link", { name: "NIS" })).toHaveAttribute(
    "href",
    "/tag/nis",
  );

  await page.getByRole("link", { name: "Back to top" }).click();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  // Every image has alt text.
  for (const img of await page.locator("img").all())
    expect(await img.getAttribute("alt")).not.toBeNull();
});

test("the article is findable: metadata, JSON-LD, feed and sitemaps", async ({
  page,
  request,
}) => {
  await page.goto(ARTICLE);
  await expect(page).toHaveTitle(`${HEADLINE} | The Newsroom Herald`);
  const head = page.locator("head");
  const baseUrl = new URL(page.url()).origin;
  await expect(head.locator('link[rel="canonical"]')).toHaveAttribute(
    "href",
    `${baseUrl}${ARTICLE}`,
  );
  await expect(head.locator('meta[name="description"]')).toHaveAttribute(
    "content",
    /^North Korea has dispatched special forces/,
  );
  await expect(head.locator('meta[property="og:type"]')).toHaveAttribute(
    "content",
    "article",
  );
  await expect(head.locator('meta[property="og:title"]')).toHaveAttribute(
    "content",
    HEADLINE,
  );
  await expect(head.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    new RegExp(`^${baseUrl}/uploads/[0-9a-f]{32}(-\\d+)?\\.jpg$`),
  );
  await expect(head.locator('meta[name="twitter:card"]')).toHaveAttribute(
    "content",
    "summary_large_image",
  );
  await expect(head.locator('meta[name="twitter:image"]')).toHaveAttribute(
    "content",
    /\/uploads\//,
  );

  const ld = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent()) ??
      "",
  ) as Record<string, unknown>;
  expect(ld).toMatchObject({
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: HEADLINE,
    image: [expect.stringMatching(/^http.*\/uploads\/.*\.jpg$/)],
    datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    dateModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    author: [
      {
        "@type": "Person",
        name: "Ji Da-gyum",
        email: "dagyumji@heraldcorp.com",
      },
    ],
    publisher: { name: "The Newsroom Herald" },
  });

  const parse = (xml: string) =>
    page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      if (doc.querySelector("parsererror"))
        return { error: text.slice(0, 200) };
      return {
        root: doc.documentElement.nodeName,
        version: doc.documentElement.getAttribute("version"),
        titles: [...doc.getElementsByTagName("title")].map(
          (t) => t.textContent,
        ),
        links: [...doc.getElementsByTagName("link")].map((t) => t.textContent),
        locs: [...doc.getElementsByTagName("loc")].map((t) => t.textContent),
        newsTitles: [...doc.getElementsByTagName("news:title")].map(
          (t) => t.textContent,
        ),
        pubDates: [...doc.getElementsByTagName("pubDate")].map(
          (t) => t.textContent,
        ),
      };
    }, xml);

  const feed = await request.get("/feed.xml");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/rss+xml");
  const rss = await parse(await feed.text());
  expect(rss).toMatchObject({ root: "rss", version: "2.0" });
  expect(rss.titles).toContain(HEADLINE);
  expect(rss.links).toContain(`${baseUrl}${ARTICLE}`);
  expect(rss.pubDates?.[0]).toMatch(
    /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  );

  const sitemap = await parse(await (await request.get("/sitemap.xml")).text());
  expect(sitemap.root).toBe("urlset");
  expect(sitemap.locs).toEqual(
    expect.arrayContaining([
      `${baseUrl}/`,
      `${baseUrl}/section/north-korea`,
      `${baseUrl}${ARTICLE}`,
    ]),
  );

  const news = await parse(
    await (await request.get("/news-sitemap.xml")).text(),
  );
  // The sample is from Oct. 18, 2024: not news of the last 48 hours.
  expect(news.root).toBe("urlset");
  expect(news.locs).not.toContain(`${baseUrl}${ARTICLE}`);
  expect(news.newsTitles).not.toContain(HEADLINE);

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: ${baseUrl}/news-sitemap.xml`);
});

test("home and section fronts lead with the story; unknown pages are 404", async ({
  page,
}) => {
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(
    main.getByRole("heading", { level: 2, name: HEADLINE }),
  ).toBeVisible();
  await expect(
    page
      .getByRole("complementary", { name: "More news" })
      .getByRole("heading", { name: "Most popular" }),
  ).toBeVisible();
  await page
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "North Korea" })
    .click();
  await expect(page).toHaveURL(/\/section\/north-korea$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "North Korea" }),
  ).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: HEADLINE }).click();
  await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));

  for (const url of [
    "/news/no-such-story",
    "/section/no-such-section",
    "/section/north-korea?page=9",
    "/sport",
  ])
    await expectSiteNotFound(page, url);
});

test("home, sections, a tag and the article pass the accessibility check and work by keyboard", async ({
  page,
}) => {
  for (const url of [
    "/",
    "/section/north-korea",
    "/section/politics",
    "/tag/food",
    ARTICLE,
  ]) {
    await page.goto(url);
    await expectNoSeriousA11yViolations(page);
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  }

  // Keyboard only: the skip link comes first, is visible when focused, and jumps to the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveText("North Korea");
  const outline = await focused.evaluate(
    (el) => getComputedStyle(el).outlineStyle,
  );
  expect(outline).not.toBe("none");
});
