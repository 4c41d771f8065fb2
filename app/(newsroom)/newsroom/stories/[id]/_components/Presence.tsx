"use client";

import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { presenceColor } from "@/lib/collab/presence-color";
import "./Presence.css";

interface Person {
  id: string;
  name: string;
  color: string;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** Everyone in the story now (from awareness), one avatar per person however many tabs they have. */
export function Presence({
  provider,
  selfId,
}: {
  provider: WebsocketProvider;
  selfId: string;
}) {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    const read = () => {
      const byId = new Map<string, Person>();
      for (const state of provider.awareness.getStates().values()) {
        // Whatever another browser sent: strings checked, the colour only as #rrggbb.
        const user = (state as { user?: Record<string, unknown> }).user;
        if (
          typeof user?.id === "string" &&
          typeof user.name === "string" &&
          user.id &&
          user.name
        )
          byId.set(user.id, {
            id: user.id,
            name: user.name,
            color: presenceColor(user.color),
          });
      }
      setPeople(
        [...byId.values()].sort((a, b) =>
          a.id === selfId
            ? -1
            : b.id === selfId
              ? 1
              : a.name.localeCompare(b.name),
        ),
      );
    };
    read();
    provider.awareness.on("change", read);
    return () => provider.awareness.off("change", read);
  }, [provider, selfId]);

  return (
    <ul className="presence" aria-label="People in this story">
      {people.map((p) => (
        <li
          key={p.id}
          className="presence-person"
          title={p.id === selfId ? `${p.name} (you)` : p.name}
        >
          <span
            className="avatar"
            style={{ background: p.color }}
            aria-hidden="true"
          >
            {initials(p.name)}
          </span>
          <span className="visually-hidden">
            {p.id === selfId ? `${p.name} (you)` : p.name}
          </span>
        </li>
      ))}
    </ul>
  );
}
