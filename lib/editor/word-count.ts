/** Kana, CJK ideographs and Hangul: each character counts as one word, as newsrooms count them. */
const isCjk = (code: number) =>
  (code >= 0x3040 && code <= 0x30ff) ||
  (code >= 0x3400 && code <= 0x9fff) ||
  (code >= 0xac00 && code <= 0xd7af);
const SPACE = /\s/;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/**
 * Number of words in `text`: runs of non-space characters holding at least one letter or
 * number, plus one per CJK character (which also separates runs). One pass over the text: the
 * collaboration server recounts a paragraph at every commit.
 */
export function countWords(text: string): number {
  let words = 0;
  let inRun = false;
  let runCounts = false;
  const endRun = () => {
    if (inRun && runCounts) words += 1;
    inRun = false;
    runCounts = false;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) endRun();
      else {
        inRun = true;
        if (
          (code >= 48 && code <= 57) ||
          (code >= 65 && code <= 90) ||
          (code >= 97 && code <= 122)
        )
          runCounts = true;
      }
      continue;
    }
    // Tested on the code unit, without making a string: every CJK character is one.
    if (isCjk(code)) {
      endRun();
      words += 1;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    if (char.length === 2) i += 1;
    if (SPACE.test(char)) endRun();
    else {
      inRun = true;
      if (LETTER_OR_NUMBER.test(char)) runCounts = true;
    }
  }
  endRun();
  return words;
}
