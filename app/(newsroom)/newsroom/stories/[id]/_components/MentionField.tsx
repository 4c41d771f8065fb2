"use client";

import {
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type KeyboardEvent,
} from "react";
import "./MentionField.css";

interface StaffMember {
  id: string;
  name: string;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

interface Props extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "value" | "onChange" | "onKeyDown"
> {
  value: string;
  onChange: (value: string) => void;
  /** A textarea of this many rows; a one-line input without it. */
  rows?: number;
}

/** The `@name` being typed just before the caret, or null. */
function mentionQuery(before: string): string | null {
  const match = /(?:^|\s)@([^@\n]{0,30})$/.exec(before);
  return match ? match[1]! : null;
}

/**
 * A comment field that completes `@` with the staff's names (`@Full Name`, which the server
 * reads to tell that person). Arrow keys move through the suggestions, Enter or Tab takes one,
 * Escape closes them.
 */
export function MentionField({ value, onChange, rows, ...rest }: Props) {
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const field = useRef<Field>(null);
  const listId = useId();
  const loading = useRef(false);

  const needle = query?.trim().toLowerCase() ?? null;
  const matches =
    needle === null || !staff
      ? []
      : staff
          .filter((s) => {
            const name = s.name.toLowerCase();
            return (
              name.startsWith(needle) ||
              name.split(/\s+/).some((part) => part.startsWith(needle))
            );
          })
          .slice(0, 6);
  const open = matches.length > 0;

  const loadStaff = () => {
    if (staff || loading.current) return;
    loading.current = true;
    void fetch("/api/users?limit=50", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { users: [] }))
      .then((data: { users: StaffMember[] }) => setStaff(data.users))
      .catch(() => setStaff([]))
      .finally(() => (loading.current = false));
  };

  const changed = (text: string, caret: number) => {
    onChange(text);
    const q = mentionQuery(text.slice(0, caret));
    if (q !== null) loadStaff();
    setQuery(q);
    setActive(0);
  };

  const pick = (person: StaffMember) => {
    const el = field.current;
    const caret = el?.selectionStart ?? value.length;
    const before = value.slice(0, caret);
    const start = before.lastIndexOf("@");
    const inserted = `@${person.name} `;
    const text = value.slice(0, start) + inserted + value.slice(caret);
    onChange(text);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + inserted.length, start + inserted.length);
    });
  };

  const onKeyDown = (e: KeyboardEvent<Field>) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(matches[active]!);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setQuery(null);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const common = {
    ...rest,
    value,
    onKeyDown,
    onBlur: () => setQuery(null),
    onChange: (e: { target: Field }) =>
      changed(e.target.value, e.target.selectionStart ?? e.target.value.length),
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(active) : undefined,
  };
  return (
    <div className="mention-field">
      {rows ? (
        <textarea
          {...(common as InputHTMLAttributes<HTMLTextAreaElement>)}
          rows={rows}
          ref={field as React.RefObject<HTMLTextAreaElement>}
        />
      ) : (
        <input {...common} ref={field as React.RefObject<HTMLInputElement>} />
      )}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label="People to mention"
          className="mention-options"
        >
          {matches.map((person, i) => (
            <li
              key={person.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Taken before the field's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(person);
              }}
            >
              {person.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
