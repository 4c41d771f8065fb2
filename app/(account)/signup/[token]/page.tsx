import type { Metadata } from "next";
import { PasswordLinkPage } from "../../_components/PasswordLinkPage";

export const metadata: Metadata = { title: "Sign up" };

/** An invitation's one-time sign-up link. */
export default async function SignUpPage({
  params,
}: PageProps<"/signup/[token]">) {
  return <PasswordLinkPage token={(await params).token} purpose="invite" />;
}
