/**
 * What a note added at a republication is: a correction (something was wrong) or a
 * clarification (something was unclear or incomplete). Readers see the kind's label.
 */
export const correctionKinds = ["correction", "clarification"] as const;
export type CorrectionKind = (typeof correctionKinds)[number];

export const correctionLabels: Record<CorrectionKind, string> = {
  correction: "Correction",
  clarification: "Clarification",
};

/** Longest correction or clarification a reader is shown. */
export const CORRECTION_MAX_LENGTH = 1000;
