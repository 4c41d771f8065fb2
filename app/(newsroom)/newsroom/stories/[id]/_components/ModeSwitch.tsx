"use client";

import type { EditingMode } from "./useStoryEditors";
import "./ModeSwitch.css";

type ChosenMode = Exclude<EditingMode, "read-only">;

const modes: ReadonlyArray<[ChosenMode, string, string]> = [
  ["editing", "Editing", "Change the text directly"],
  [
    "suggesting",
    "Suggesting",
    "Changes become suggestions the others accept or reject",
  ],
  ["viewing", "Viewing", "Read without changing anything"],
];

/** Editing / Suggesting / Viewing: a radio group (arrow keys move between them). */
export function ModeSwitch({
  mode,
  onChange,
  editingAllowed = true,
}: {
  mode: ChosenMode;
  onChange: (mode: ChosenMode) => void;
  /** False while the person may only suggest (an author in review). */
  editingAllowed?: boolean;
}) {
  return (
    <div className="mode-switch" role="radiogroup" aria-label="Mode">
      {modes.map(([value, label, hint]) => (
        <label key={value} className="mode-option" title={hint}>
          <input
            type="radio"
            name="editing-mode"
            value={value}
            checked={mode === value}
            disabled={value === "editing" && !editingAllowed}
            onChange={() => onChange(value)}
          />
          <span>{label}</span>
        </label>
      ))}
    </div>
  );
}
