/**
 * `reason` cut to the 123 bytes a close frame holds: `ws` throws on a longer one, and a reason
 * naming a mark and a user id passes 123 bytes in UTF-8 ("›" is three) though not in characters.
 */
export function closeReason(reason: string): string {
  let cut = reason.slice(0, 123);
  while (Buffer.byteLength(cut) > 123) cut = cut.slice(0, -1);
  return cut;
}
