/**
 * Share links of an article: plain links to each network's own share page (no script of
 * theirs runs on ours, nothing is sent before the reader clicks) and an e-mail draft.
 */

/** One way to share an article. */
export interface ShareLink {
  /** The network's name, shown on the link. */
  name: string;
  href: string;
  /** Opens in a new tab (the networks' pages); e-mail opens the reader's mail program. */
  external: boolean;
}

/** Share links for the article at `url` (absolute) titled `title`. */
export function shareLinks(url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    {
      name: "E-mail",
      href: `mailto:?subject=${t}&body=${encodeURIComponent(`${title}\n\n${url}`)}`,
      external: false,
    },
    {
      name: "X",
      href: `https://x.com/intent/tweet?url=${u}&text=${t}`,
      external: true,
    },
    {
      name: "Facebook",
      href: `https://www.facebook.com/sharer/sharer.php?u=${u}`,
      external: true,
    },
    {
      name: "LinkedIn",
      href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}`,
      external: true,
    },
    {
      name: "WhatsApp",
      href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`,
      external: true,
    },
  ];
}
