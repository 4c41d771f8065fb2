"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { UserView } from "@/lib/db/presenters";
import type { Role } from "@/lib/workflow/actors";
import { sendJson } from "@/app/_components/sendJson";
import "./StaffPicker.css";

/**
 * A search field over the newsroom's active staff (name or e-mail): the matches show as a list
 * under it; arrows and Enter, or a click, pick one. An ARIA combobox, so screen readers and
 * tests find it by its label and its options by name.
 */
export function StaffPicker({
  label,
  placeholder,
  role,
  exclude = [],
  onPick,
  disabled = false,
}: {
  /** The field's accessible name, e.g. "Add a co-author". */
  label: string;
  placeholder?: string;
  /** Only people with this role. */
  role?: Role;
  /** Ids left out of the matches (the story's authors already there). */
  exclude?: readonly string[];
  onPick: (person: UserView) => void;
  disabled?: boolean;
}) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [matches, setMatches] = useState<UserView[] | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    if (!open) return;
    // A short pause after each keystroke: one request per word typed, not per letter.
    const timer = setTimeout(() => {
      const mine = ++asked.current;
      const params = new URLSearchParams({ q: query.trim(), limit: "12" });
      if (role) params.set("role", role);
      sendJson<{ users: UserView[] }>(
        `/api/users?${params}`,
        "GET",
        undefined,
        "The staff list could not be read",
      ).then(
        ({ users }) => {
          if (mine !== asked.current) return;
          setMatches(users);
          setActive(0);
          setError(null);
        },
        (e: Error) => mine === asked.current && setError(e.message),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [open, query, role]);

  const shown = (matches ?? []).filter((p) => !exclude.includes(p.id));
  const pick = (person: UserView) => {
    onPick(person);
    setQuery("");
    setOpen(false);
  };

  return (
    <div className="staff-picker">
      <input
        className="input"
        role="combobox"
        aria-label={label}
        aria-expanded={open && shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          open && shown[active] ? `${listId}-${shown[active].id}` : undefined
        }
        placeholder={placeholder ?? "Search by name or e-mail"}
        value={query}
        disabled={disabled}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
            const step = e.key === "ArrowDown" ? 1 : -1;
            setActive((i) =>
              shown.length ? (i + step + shown.length) % shown.length : 0,
            );
          } else if (e.key === "Enter" && open && shown[active]) {
            e.preventDefault();
            pick(shown[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={`${label}: matches`}
        className="staff-options"
        hidden={!open || shown.length === 0}
      >
        {shown.map((person, i) => (
          <li
            key={person.id}
            id={`${listId}-${person.id}`}
            role="option"
            aria-selected={i === active}
            className="staff-option"
            // Picked before the field's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(person);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="staff-name">{person.name}</span>
            <span className="staff-email">{person.email}</span>
          </li>
        ))}
      </ul>
      {open && matches !== null && shown.length === 0 && query.trim() && (
        <p className="panel-hint" role="status">
          No one in the newsroom matches “{query.trim()}”.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
