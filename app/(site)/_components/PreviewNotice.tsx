import { PublishedTime } from "./Teasers";

/** The band above a previewed draft: it is not published, and until when the link works. */
export function PreviewNotice({
  expiresAt,
  path,
  timeZone,
}: {
  expiresAt: string;
  path: string;
  timeZone: string;
}) {
  return (
    <aside className="preview-notice" aria-labelledby="preview-notice-title">
      <p id="preview-notice-title" className="preview-notice-title">
        Preview — not published
      </p>
      <p className="preview-notice-text">
        This is a draft as it stands now, shown as readers will see it at{" "}
        <code>{path}</code>. Please do not share it. The link works until{" "}
        <PublishedTime iso={expiresAt} timeZone={timeZone} />, or until the
        story is published.
      </p>
    </aside>
  );
}
