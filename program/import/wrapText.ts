/** Comment lines of the generated files, wrapped so that they read in an editor and in a diff. */

/** The generated files' line width, the repository's (prettier's `printWidth`). */
export const LINE_WIDTH = 100;

/**
 * `text` as lines of at most `width` characters, broken between words; a word longer than the
 * width (a URL) gets a line of its own. Continuation lines start with `continuation`.
 */
export function wrapWords(text: string, width: number, continuation = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (candidate.length <= width || line === "" || line === continuation) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = `${continuation}${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * Each of `texts` as comment lines starting with `marker` ("# " or "// ") at `indent` spaces,
 * wrapped to {@link LINE_WIDTH}; continuation lines start with `continuation` after the marker. An
 * empty text gives a bare marker line.
 */
export function commentBlock(
  texts: readonly string[],
  indent: number,
  marker: string,
  continuation = "  ",
): string[] {
  const prefix = `${" ".repeat(indent)}${marker}`;
  return texts.flatMap((text) =>
    text === ""
      ? [prefix.trimEnd()]
      : wrapWords(text, LINE_WIDTH - prefix.length, continuation).map((line) => `${prefix}${line}`),
  );
}
