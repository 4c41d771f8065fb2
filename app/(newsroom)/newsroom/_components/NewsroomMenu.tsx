"use client";

import Link from "next/link";
import { useCallback, useId, useRef, useState } from "react";
import { useDismiss } from "@/app/_components/useDismiss";
import { useHydrated } from "@/app/_components/useHydrated";
import type { NewsroomLink } from "./newsroomLinks";
import "./NewsroomMenu.css";

/**
 * On a phone, where the top bar has no room for its links and the signed-in name, a Menu button
 * that opens them (the top bar shows them itself on wider screens, and hides this button).
 */
export function NewsroomMenu({
  name,
  role,
  links,
}: {
  name: string;
  role: string;
  links: NewsroomLink[];
}) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, root, close);

  return (
    <div className="nr-menu" ref={root}>
      <button
        type="button"
        className="nr-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!hydrated}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      {open && (
        <div id={panelId} className="nr-menu-panel">
          <p className="nr-menu-who">
            Signed in as <strong>{name}</strong>{" "}
            <span className="nr-role">{role}</span>
          </p>
          <nav aria-label="Newsroom menu">
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                target={link.newTab ? "_blank" : undefined}
                onClick={close}
              >
                {link.label}
              </Link>
            ))}
          </nav>
        </div>
      )}
    </div>
  );
}
