"use client";

import { useEffect, useMemo, useState } from "react";
import { colorForUser } from "@/lib/collab/identity";

interface StaffMember {
  id: string;
  name: string;
  role: string;
}

/** Names and roles of the newsroom's people, looked up by user id. */
export interface StaffDirectory {
  /** The person's name, or "Someone" while unknown (a name is never read from the document). */
  name: (userId: string) => string;
  /** Whether they are on the desk (an editor or admin). */
  isDesk: (userId: string) => boolean;
  /** Their presence colour, as their caret and suggestions show it. */
  color: (userId: string) => string;
}

/** The staff directory from `GET /api/users`, loaded once per mount; a new object only when loaded. */
export function useStaff(): StaffDirectory {
  const [staff, setStaff] = useState<ReadonlyMap<string, StaffMember>>(
    () => new Map(),
  );
  useEffect(() => {
    let live = true;
    void fetch("/api/users?limit=50", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { users: [] }))
      .then((data: { users: StaffMember[] }) => {
        if (live) setStaff(new Map(data.users.map((u) => [u.id, u])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return useMemo(
    () => ({
      name: (id) => staff.get(id)?.name ?? "Someone",
      isDesk: (id) => {
        const role = staff.get(id)?.role;
        return role === "editor" || role === "admin";
      },
      color: colorForUser,
    }),
    [staff],
  );
}
