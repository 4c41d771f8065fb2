import { isUploadUrl } from "../uploads/names";

/**
 * Cleans HTML pasted from Google Docs, Word or a web page before the schema parses it. The
 * schema already drops every node, mark and attribute it does not know; this removes what would
 * otherwise leak through or mislead it: scripts, styles, comments, images (tracking pixels and
 * hot-linked photos), Google Docs' all-bold wrapper, and Word's fake lists (made real).
 */
export function cleanPastedDocument(doc: Document): void {
  const body = doc.body;
  const dropped =
    "script, style, meta, link, title, noscript, iframe, object, embed, svg, video, audio, picture, source, canvas, form, input, button, select, textarea";
  for (const el of Array.from(body.querySelectorAll(dropped))) el.remove();
  // Only a figure copied from our own editor keeps its image; every other image goes.
  for (const img of Array.from(body.querySelectorAll("img"))) {
    if (!(img.closest("figure") && isUploadUrl(img.getAttribute("src"))))
      img.remove();
  }
  removeComments(body);
  // Google Docs wraps the whole clipboard in <b style="font-weight:normal" id="docs-internal-guid-…">.
  for (const el of Array.from(
    body.querySelectorAll<HTMLElement>('b[id^="docs-internal-guid"]'),
  ))
    unwrap(el);
  convertWordLists(doc);
  // Word's namespaced elements (<o:p>, <w:…>) carry nothing for us.
  for (const el of Array.from(body.querySelectorAll("*"))) {
    if (el.tagName.includes(":")) unwrap(el as HTMLElement);
  }
}

/** `cleanPastedDocument` for an HTML string, with the caller's parser (DOMParser in the browser). */
export function cleanPastedHtml(
  html: string,
  parse: (html: string) => Document,
): string {
  const doc = parse(html);
  cleanPastedDocument(doc);
  return doc.body.innerHTML;
}

function removeComments(root: Node): void {
  const doc = root.ownerDocument!;
  const walker = doc.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function isWordListParagraph(el: Element): boolean {
  return (
    el.tagName === "P" &&
    /mso-list:\s*l\d+/i.test(el.getAttribute("style") ?? "")
  );
}

/**
 * Word pastes list items as paragraphs styled `mso-list:l0 level1 lfo1` whose first span holds
 * the bullet or number. Each run of such sibling paragraphs becomes <ul>/<ol> (levels flattened).
 */
function convertWordLists(doc: Document): void {
  for (const first of Array.from(doc.body.querySelectorAll("p"))) {
    if (!first.isConnected || !isWordListParagraph(first)) continue;
    const run: Element[] = [];
    for (
      let el: Element | null = first;
      el && isWordListParagraph(el);
      el = el.nextElementSibling
    )
      run.push(el);
    let list: HTMLElement | null = null;
    for (const paragraph of run) {
      const marker = paragraph.querySelector(
        '[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]',
      );
      const markerText = (marker?.textContent ?? "")
        .replace(/\u00a0/g, " ")
        .trim();
      marker?.remove();
      const ordered = /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(markerText);
      if (!list || (list.tagName === "OL") !== ordered) {
        list = doc.createElement(ordered ? "ol" : "ul");
        paragraph.before(list);
      }
      const item = doc.createElement("li");
      const content = doc.createElement("p");
      while (paragraph.firstChild) content.appendChild(paragraph.firstChild);
      item.appendChild(content);
      list.appendChild(item);
      paragraph.remove();
    }
  }
}
