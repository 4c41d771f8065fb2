import type { Actor } from "@/lib/workflow/actors";
import { canManageAccounts } from "@/lib/workflow/permissions";

/** A place the newsroom's top bar links to. */
export interface NewsroomLink {
  href: string;
  label: string;
  /** The public site opens beside the newsroom, not instead of it. */
  newTab?: boolean;
}

/** Where the top bar (or, on a phone, its menu) takes `user`. */
export function newsroomLinks(user: Actor): NewsroomLink[] {
  return [
    { href: "/newsroom", label: "Stories" },
    ...(canManageAccounts(user)
      ? [{ href: "/newsroom/people", label: "People" }]
      : []),
    { href: "/", label: "View site", newTab: true },
  ];
}
