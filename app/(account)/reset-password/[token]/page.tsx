import type { Metadata } from "next";
import { PasswordLinkPage } from "../../_components/PasswordLinkPage";

export const metadata: Metadata = { title: "Reset password" };

/** A one-time password reset link. */
export default async function ResetPasswordPage({
  params,
}: PageProps<"/reset-password/[token]">) {
  return <PasswordLinkPage token={(await params).token} purpose="reset" />;
}
