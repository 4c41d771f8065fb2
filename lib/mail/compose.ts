/**
 * Plain text and simple HTML for the newsroom's e-mail. Names and headlines are people's input:
 * every text reaches the HTML through `escapeHtml`, and a link's address through `escapeHtml`
 * too, after it was built from our own origin.
 */

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` safe inside HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** A paragraph of text, or one with a link after it. */
export type Block = { text: string; link?: { label: string; url: string } };

/** The plain-text body: one paragraph per block, a link on a line of its own. */
export function textBody(blocks: readonly Block[]): string {
  return (
    blocks
      .map((b) =>
        b.link ? `${b.text}\n${b.link.label}: ${b.link.url}` : b.text,
      )
      .join("\n\n") + "\n"
  );
}

/** The HTML body: the same paragraphs, each link a real one. */
export function htmlBody(title: string, blocks: readonly Block[]): string {
  const paragraphs = blocks.map((b) => {
    const link = b.link
      ? `<br><a href="${escapeHtml(b.link.url)}">${escapeHtml(b.link.label)}</a>`
      : "";
    return `<p>${escapeHtml(b.text)}${link}</p>`;
  });
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: Georgia, serif; line-height: 1.5; max-width: 36em">',
    ...paragraphs,
    "</body></html>",
  ].join("\n");
}
