/**
 * Keeps the API key out of every text that came from elsewhere (response bodies, library
 * messages) before it reaches an error or a log line. The key is looked for as written and in
 * the forms a body may carry it: JSON-escaped (`\u0053...`), percent-encoded and base64 (a Basic
 * auth header echoed back). Callers redact text after decoding it too: a JSON body is parsed
 * first and its strings are redacted one by one.
 */

const REDACTED = "[redacted]";

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The key written as a JSON string would escape it, each character as `\uXXXX`, any case. */
function jsonEscapedPattern(apiKey: string): RegExp {
  const units = [...apiKey].map((character) => {
    const code = character.codePointAt(0)!.toString(16).padStart(4, "0");
    return `(?:${escapeForRegExp(character)}|\\\\u${code})`;
  });
  return new RegExp(units.join(""), "gi");
}

/** `text` with every occurrence of `apiKey`, in any of the forms above, replaced. */
export function redact(text: string, apiKey: string): string {
  if (apiKey === "") return text;
  const base64 = (text: string) => Buffer.from(text).toString("base64").replace(/=+$/, "");
  const forms = new Set([
    apiKey,
    encodeURIComponent(apiKey),
    base64(apiKey),
    // A Basic auth header: the key as user, an empty password.
    base64(`${apiKey}:`),
  ]);
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  return result.replace(jsonEscapedPattern(apiKey), REDACTED);
}

/** A copy of a parsed JSON value with `apiKey` redacted from every string in it. */
export function redactValue(value: unknown, apiKey: string): unknown {
  if (typeof value === "string") return redact(value, apiKey);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, apiKey));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key, apiKey), redactValue(item, apiKey)]),
    );
  }
  return value;
}
