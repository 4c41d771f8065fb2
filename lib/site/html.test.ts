import { describe, expect, it } from "vitest";
import {
  datelineLabel,
  firstFigureImage,
  htmlToText,
  imageAtWidth,
  imageSrcSet,
  responsiveImages,
  siteLinks,
  splitLeadFigure,
  withDateline,
} from "./html";
import { STORY_LINK_REL } from "../editor/links";

const figure = (src: string, alt: string, w = 1600, h = 1000) =>
  `<figure class="story-figure"><img src="${src}" alt="${alt}" width="${w}" height="${h}"><figcaption><span data-caption="">Cap &amp; tion</span><small data-credit="">Credit</small></figcaption></figure>`;

const lead = figure(
  "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
  "Port &quot;A&quot;",
);
const second = figure(
  "/uploads/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.jpg",
  "Second",
  900,
  600,
);
const body = `${lead}<p>One.</p>${second}<p>Two &lt;b&gt;.</p>`;

describe("site HTML post-processing", () => {
  it("finds the lead figure's image with its size and unescaped alt", () => {
    expect(firstFigureImage(body)).toEqual({
      src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
      alt: 'Port "A"',
      width: 1600,
      height: 1000,
    });
    expect(firstFigureImage("<p>No photo</p>")).toBeNull();
  });

  it("builds srcset from the stored copies narrower than the original", () => {
    expect(
      imageSrcSet({
        src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
        width: 1600,
      }),
    ).toBe(
      "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-480.jpg 480w, /uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-960.jpg 960w, /uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg 1600w",
    );
    expect(
      imageSrcSet({ src: "https://example.com/a.jpg", width: 1600 }),
    ).toBeNull();
    expect(
      imageSrcSet({
        src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
        width: null,
      }),
    ).toBeNull();
    expect(
      imageAtWidth(
        { src: "/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg", width: 1600 },
        900,
      ),
    ).toBe("/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-960.jpg");
  });

  it("splits off the figure a body opens with, and nothing else", () => {
    const parts = splitLeadFigure(body);
    expect(parts.leadFigureHtml).toBe(lead);
    expect(parts.restHtml).toBe(`<p>One.</p>${second}<p>Two &lt;b&gt;.</p>`);
    expect(splitLeadFigure(`<p>One.</p>${lead}`).leadFigureHtml).toBeNull();
  });

  it("makes the first image eager and the rest lazy, keeping size and alt", () => {
    const html = responsiveImages(body, { eagerFirst: true, sizes: "100vw" });
    const imgs = html.match(/<img[^>]*>/g)!;
    expect(imgs).toHaveLength(2);
    expect(imgs[0]).toContain('loading="eager"');
    expect(imgs[0]).toContain('fetchpriority="high"');
    expect(imgs[0]).toContain('alt="Port &quot;A&quot;"');
    expect(imgs[0]).toContain('width="1600" height="1000"');
    expect(imgs[0]).toContain('sizes="100vw"');
    expect(imgs[1]).toContain('loading="lazy"');
    expect(imgs[1]).toContain("-480.jpg 480w");
    expect(imgs[1]).not.toContain("-960.jpg");
    // Everything around the images is untouched.
    expect(html.replace(/<img[^>]*>/g, "")).toBe(
      body.replace(/<img[^>]*>/g, ""),
    );
    // An image whose size was never recorded keeps a box of its own (class "unsized").
    const unsized = responsiveImages(
      body.replace(' width="1600" height="1000"', ""),
      { eagerFirst: true, sizes: "100vw" },
    ).match(/<img[^>]*>/g)!;
    expect(unsized[0]).toContain('class="unsized"');
    expect(unsized[0]).not.toContain("width=");
    expect(unsized[1]).not.toContain("class=");
    const lazy = responsiveImages(body, { eagerFirst: false, sizes: "100vw" });
    expect(lazy).not.toContain('loading="eager"');
  });

  it("drops attributes it does not know and images without a source", () => {
    const src = "/uploads/cccccccccccccccccccccccccccccccc.png";
    const html = responsiveImages(
      `<figure><img src="${src}" alt="" onerror="alert(1)"><img alt="no src"></figure>`,
      { eagerFirst: false, sizes: "1px" },
    );
    expect(html).toBe(
      `<figure><img src="${src}" alt="" class="unsized" loading="lazy" decoding="async"></figure>`,
    );
  });

  it("shows only images from our own uploads, wherever they are read", () => {
    for (const src of [
      "https://tracker.example/pixel.gif",
      "/x.jpg",
      "javascript:alert(1)",
      "/uploads/../secret.jpg",
      "//evil.example/uploads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.jpg",
    ]) {
      const html = figure(src, "alt");
      expect(
        responsiveImages(html, { eagerFirst: true, sizes: "1px" }),
      ).not.toContain("<img");
      expect(firstFigureImage(html)).toBeNull();
      expect(imageSrcSet({ src, width: 1600 })).toBeNull();
    }
  });

  it("gives every link the site's rel and no target, whatever the stored HTML says", () => {
    expect(
      siteLinks(
        '<p><a href="https://example.com/?a=1&amp;b=2" rel="follow" target="_blank" class="x" title="T &quot;q&quot;">x</a>' +
          '<a target="_blank" href="javascript:alert(1)">y</a><a>z</a></p>',
      ),
    ).toBe(
      `<p><a rel="${STORY_LINK_REL}" href="https://example.com/?a=1&amp;b=2" title="T &quot;q&quot;">x</a>` +
        `<a rel="${STORY_LINK_REL}">y</a><a rel="${STORY_LINK_REL}">z</a></p>`,
    );
  });

  it("turns HTML into plain text", () => {
    expect(htmlToText("<p>One &amp; two</p><p>Three &lt;4&gt;</p>")).toBe(
      "One & two Three <4>",
    );
  });
});

describe("the dateline", () => {
  it("prints the place in capitals up to its first comma, without the reporter's dashes", () => {
    expect(datelineLabel("Busan")).toBe("BUSAN");
    expect(datelineLabel("  seoul  — ")).toBe("SEOUL");
    expect(datelineLabel("Washington, D.C.")).toBe("WASHINGTON, D.C.");
    expect(datelineLabel("Gimpo,   South Korea -")).toBe("GIMPO, South Korea");
    expect(datelineLabel(null)).toBe("");
    expect(datelineLabel(" - ")).toBe("");
  });

  it("opens the first paragraph, escaped, or stands alone before another block", () => {
    expect(withDateline("<p>The rice is ready.</p><p>Two.</p>", "GIMJE")).toBe(
      '<p><span class="dateline">GIMJE —</span> The rice is ready.</p><p>Two.</p>',
    );
    expect(withDateline("<h2>Sub</h2><p>One.</p>", "A <b> & B")).toBe(
      '<p><span class="dateline">A &lt;b&gt; &amp; B —</span></p><h2>Sub</h2><p>One.</p>',
    );
    expect(withDateline("<p>One.</p>", "")).toBe("<p>One.</p>");
  });
});
