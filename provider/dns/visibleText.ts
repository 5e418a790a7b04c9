/**
 * How a value is shown in a message. Anything a terminal would not print as itself is written as
 * a `\uXXXX` escape: control characters (C0, DEL, C1: a raw CSI or ESC acts on the terminal),
 * invisible format characters (soft hyphen, zero-width spaces and joiners, bidi overrides that
 * reverse the rest of the line, the byte order mark, Unicode's other default-ignorable code
 * points), line and paragraph separators, spaces other than the plain one, private-use code
 * points and lone surrogates. Without this, "track.exa\u00admple.com" reads as
 * "track.example.com" and a message about it contradicts itself.
 */

/** The characters {@link visible} escapes; U+0020 is the only space left as it is. */
const HIDDEN =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

/** One character as JSON writes an escape: `\u` and four lowercase hex digits per UTF-16 unit. */
function escaped(character: string): string {
  let escape = "";
  for (let unit = 0; unit < character.length; unit++) {
    escape += `\\u${character.charCodeAt(unit).toString(16).padStart(4, "0")}`;
  }
  return escape;
}

/** `text` with every hidden character (see above) written as `\uXXXX`, and nothing else changed. */
export function visible(text: string): string {
  return text.replace(HIDDEN, escaped);
}

/**
 * `text` in double quotes for a message: escaped as JSON (`\"`, `\\`, `\n`, `\t`, `\u0007`), then
 * every hidden character JSON leaves as it is (DEL, C1, format characters...) as `\uXXXX`.
 */
export function quoted(text: string): string {
  return visible(JSON.stringify(text));
}

const FIRST_HIDDEN = new RegExp(HIDDEN.source, "u");

/** The first character of `text` that {@link visible} would escape, or undefined. */
export function firstHiddenCharacter(text: string): string | undefined {
  return FIRST_HIDDEN.exec(text)?.[0];
}
