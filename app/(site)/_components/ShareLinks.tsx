import { shareLinks } from "@/lib/site/share";
import { CopyLinkButton } from "./CopyLinkButton";

/** "Share": copy the link, e-mail it, or post it on a network (plain links, no scripts of theirs). */
export function ShareLinks({ url, title }: { url: string; title: string }) {
  return (
    <section className="article-share" aria-label="Share this article">
      <span className="share-label" aria-hidden="true">
        Share
      </span>
      <CopyLinkButton url={url} />
      {shareLinks(url, title).map((link) => (
        <a
          key={link.name}
          className="share-link"
          href={link.href}
          {...(link.external
            ? { target: "_blank", rel: "noopener noreferrer" }
            : {})}
        >
          {link.name}
        </a>
      ))}
    </section>
  );
}
