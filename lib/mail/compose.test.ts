import { describe, expect, it } from "vitest";
import { escapeHtml, htmlBody, textBody } from "./compose";
import { oneLine } from "./mailer";

describe("composing e-mail", () => {
  it("escapes every character that could open markup or leave an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("writes the same paragraphs and links as text and as HTML", () => {
    const blocks = [
      { text: "Hello <Rita>," },
      {
        text: "Ed & Co. returned “A <b>bold</b> story”.",
        link: { label: "Open the story", url: "https://n.example/s?a=1&b=2" },
      },
    ];
    expect(textBody(blocks)).toBe(
      "Hello <Rita>,\n\nEd & Co. returned “A <b>bold</b> story”.\n" +
        "Open the story: https://n.example/s?a=1&b=2\n",
    );
    const html = htmlBody("A <title>", blocks);
    expect(html).toContain("<title>A &lt;title&gt;</title>");
    expect(html).toContain("<p>Hello &lt;Rita&gt;,</p>");
    expect(html).toContain(
      '<p>Ed &amp; Co. returned “A &lt;b&gt;bold&lt;/b&gt; story”.<br><a href="https://n.example/s?a=1&amp;b=2">Open the story</a></p>',
    );
  });

  it("keeps a subject on one line", () => {
    expect(oneLine(" Ed\r\nBcc: x@evil.example\u2028\tand more ")).toBe(
      "Ed Bcc: x@evil.example and more",
    );
  });
});
