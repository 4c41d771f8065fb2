"use client";

import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { watchAssignedUser } from "@/lib/collab/assigned-presence";
import { presenceUserOf, type PresenceUser } from "@/lib/collab/presence-state";
import "./Presence.css";

type Person = PresenceUser;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** The colour the server assigned this person in the story; null until it has said. */
function useAssignedColor(provider: WebsocketProvider): string | null {
  const [color, setColor] = useState<string | null>(null);
  useEffect(
    () => watchAssignedUser(provider, (user) => setColor(user.color)),
    [provider],
  );
  return color;
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
  const assignedColor = useAssignedColor(provider);
  useEffect(() => {
    const read = () => {
      const byId = new Map<string, Person>();
      for (const state of provider.awareness.getStates().values()) {
        // Whatever a state holds, only a well-formed user is shown.
        const user = presenceUserOf(state);
        if (user) byId.set(user.id, user);
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
            style={{
              background: (p.id === selfId && assignedColor) || p.color,
            }}
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
