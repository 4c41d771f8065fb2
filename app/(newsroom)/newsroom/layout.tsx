import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { FeedProvider } from "./_components/FeedProvider";
import { Inbox } from "./_components/Inbox";
import { NewsroomMenu } from "./_components/NewsroomMenu";
import { newsroomLinks } from "./_components/newsroomLinks";
import { SignOutButton } from "./_components/SignOutButton";
import "./newsroom.css";

export default async function NewsroomLayout({
  children,
}: LayoutProps<"/newsroom">) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const links = newsroomLinks(user);
  return (
    <FeedProvider>
      <div className="nr">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="nr-topbar">
          <Link href="/newsroom" className="nr-brand">
            <span className="nr-brand-mark" aria-hidden="true">
              N
            </span>
            Newsroom
          </Link>
          <nav aria-label="Newsroom" className="nr-nav">
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                target={link.newTab ? "_blank" : undefined}
              >
                {link.label}
              </Link>
            ))}
          </nav>
          <div className="nr-user">
            <NewsroomMenu name={user.name} role={user.role} links={links} />
            <Inbox />
            <span className="nr-user-name">{user.name}</span>
            <span className="nr-role">{user.role}</span>
            <SignOutButton />
          </div>
        </header>
        <div id="main" className="nr-main">
          {children}
        </div>
      </div>
    </FeedProvider>
  );
}
