import {
  hostnameProblem,
  normalizeHostname,
  parentDomain,
  subdomainProblem,
} from "../../provider/dns/hostname";
import { firstHiddenCharacter, quoted, visible } from "../../provider/dns/visibleText";
import { visible as visibleApiText } from "../../provider/sparkpost/errors";

const label63 = "a".repeat(63);
const label64 = "b".repeat(64);
/** 63 + 1 + 63 + 1 + 63 + 1 + 57 + 1 + 3 = 253 characters. */
const name253 = [label63, label63, label63, "c".repeat(57), "com"].join(".");
const name254 = `d${name253}`;
const bareHostname = 'must be a bare hostname such as "track.example.com"';

describe("hostnameProblem", () => {
  test.each<[string, string | undefined]>([
    ["track.example.com", undefined],
    ["TRACK.Example.COM.", undefined],
    ["  track.example.com  ", undefined],
    ["xn--trck-1na.example.com", undefined],
    ["t-1.example.com", undefined],
    [`${label63}.example.com`, undefined],
    [name253, undefined],
    ["example.com", undefined],
    ["", 'must not be empty; set it to a hostname such as "track.example.com"'],
    ["   ", 'must not be empty; set it to a hostname such as "track.example.com"'],
    ["http://track.example.com", `${bareHostname}, without "http://"`],
    ["HTTPS://track.example.com/", `${bareHostname}, without "https://"`],
    ["track.example.com/path", `${bareHostname}, without a path ("/path")`],
    ["track.example.com?utm=1", `${bareHostname}, without a query or fragment ("?utm=1")`],
    ["track.example.com:8080", `${bareHostname}, without a port (":8080")`],
    [
      "*.example.com",
      'must be one hostname such as "track.example.com", not a wildcard ("*.example.com")',
    ],
    [
      "192.168.0.1",
      'must be a hostname such as "track.example.com", not an IP address ("192.168.0.1")',
    ],
    [
      "[2001:db8::1]",
      'must be a hostname such as "track.example.com", not an IP address ("[2001:db8::1]")',
    ],
    [
      "tràck.example.com",
      'must be written in ASCII; use the punycode form "xn--trck-1na.example.com" of "tràck.example.com"',
    ],
    [
      "MÜNCHEN.example.com",
      'must be written in ASCII; use the punycode form "xn--mnchen-3ya.example.com" of "münchen.example.com"',
    ],
    [
      "track\u00a0example.com",
      'must not contain invisible characters, but "track\\u00a0example.com" contains "\\u00a0"',
    ],
    [
      "track\ufffd.example.com",
      'may contain only ASCII letters, digits, hyphens and dots, but "track\ufffd.example.com" contains U+FFFD',
    ],
    // Hidden characters are named before the punycode rule, which would drop a soft hyphen.
    [
      "track.exa\u00admple.com",
      'must not contain invisible characters, but "track.exa\\u00admple.com" contains "\\u00ad"',
    ],
    [
      "tr\u202eack.example.com",
      'must not contain invisible characters, but "tr\\u202eack.example.com" contains "\\u202e"',
    ],
    [
      "track\u007f.example.com",
      'must not contain control characters, but "track\\u007f.example.com" contains "\\u007f"',
    ],
    [
      'track.example.com/"x\u200by"',
      'must not contain invisible characters, but "track.example.com/\\"x\\u200by\\"" contains "\\u200b"',
    ],
    [
      'track.example.com/"x"',
      'must be a bare hostname such as "track.example.com", without a path ("/\\"x\\"")',
    ],
    [
      "tr_ack.example.com",
      'may contain only letters, digits, hyphens and dots, but "tr_ack.example.com" contains "_"',
    ],
    [
      "track example.com",
      'may contain only letters, digits, hyphens and dots, but "track example.com" contains " "',
    ],
    [name254, "must be at most 253 characters long, but has 254"],
    [
      "localhost",
      'must be a fully qualified hostname such as "track.example.com", not the single label "localhost"',
    ],
    ["a..example.com", 'must not contain empty labels; remove the extra dot from "a..example.com"'],
    [".example.com", 'must not contain empty labels; remove the extra dot from ".example.com"'],
    [
      `${label64}.example.com`,
      `must have labels of at most 63 characters, but "${label64}" has 64`,
    ],
    ["-a.example.com", 'must not have a label that starts or ends with a hyphen, like "-a"'],
    ["track.a-.com", 'must not have a label that starts or ends with a hyphen, like "a-"'],
    ["track.example.123", 'must end in a top-level domain made of letters, not "123"'],
  ])("%j", (value, expected) => {
    expect(hostnameProblem(value)).toBe(expected);
  });
});

describe("subdomainProblem", () => {
  test.each<[string, string | undefined]>([
    ["track.example.com", undefined],
    ["TRACK.Example.COM.", undefined],
    ["track.example.co.uk", undefined],
    ["click.mail.example.com", undefined],
    // Unknown top-level domains count as one-label public suffixes.
    ["track.example.corp", undefined],
    // Private public-suffix entries (herokuapp.com) are not suffixes here.
    ["myapp.herokuapp.com", undefined],
    [
      "example.com",
      'must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain',
    ],
    [
      "Example.co.uk.",
      'must be a subdomain such as "track.example.co.uk" of a domain you own, not "example.co.uk" itself, since a CNAME record cannot sit at the root of a domain',
    ],
    [
      "example.corp",
      'must be a subdomain such as "track.example.corp" of a domain you own, not "example.corp" itself, since a CNAME record cannot sit at the root of a domain',
    ],
    [
      "co.uk",
      'must be a subdomain such as "track.example.co.uk" of a domain you own; "co.uk" is a public suffix, which no one owns',
    ],
    // Hostname problems come first.
    ["https://example.com", `${bareHostname}, without "https://"`],
    [
      "com",
      'must be a fully qualified hostname such as "track.example.com", not the single label "com"',
    ],
  ])("%j", (value, expected) => {
    expect(subdomainProblem(value)).toBe(expected);
  });
});

describe("normalizeHostname", () => {
  test.each([
    ["TRACK.Example.COM.", "track.example.com"],
    [" track.example.com\n", "track.example.com"],
    ["track.example.com..", "track.example.com."],
  ])("%j gives %j", (value, expected) => {
    expect(normalizeHostname(value)).toBe(expected);
  });
});

describe("parentDomain", () => {
  test.each([
    ["track.example.com", "example.com"],
    ["Click.Mail.Example.com.", "mail.example.com"],
    ["example.com", "com"],
  ])("%j gives %j", (domain, expected) => {
    expect(parentDomain(domain)).toBe(expected);
  });

  test("a single label has no parent", () => {
    expect(() => parentDomain("localhost")).toThrow(new Error('"localhost" has no parent domain'));
  });

  test("a name is shown so that nothing in it hides", () => {
    expect(() => parentDomain("local\u202ehost")).toThrow(
      new Error('"local\\u202ehost" has no parent domain'),
    );
  });
});

describe("how values are shown in messages", () => {
  test.each<[string, string, string]>([
    ["plain ASCII", "track.example.com", '"track.example.com"'],
    ["letters beyond ASCII, which show", "bücher \ufffd 中", '"bücher \ufffd 中"'],
    ["quotes and backslashes, as JSON escapes them", 'a"b\\c', '"a\\"b\\\\c"'],
    ["C0 controls, as JSON escapes them", "a\n\t\u0007\u001b", '"a\\n\\t\\u0007\\u001b"'],
    ["DEL and C1 controls", "a\u007f\u0085\u009b", '"a\\u007f\\u0085\\u009b"'],
    ["a soft hyphen", "exa\u00admple", '"exa\\u00admple"'],
    ["zero-width characters", "a\u200b\u200c\u200d\u2060b", '"a\\u200b\\u200c\\u200d\\u2060b"'],
    ["bidi controls", "a\u202a\u202e\u2066\u200fb", '"a\\u202a\\u202e\\u2066\\u200fb"'],
    ["a byte order mark", "\ufeffa", '"\\ufeffa"'],
    ["spaces other than U+0020", "a b\u00a0c\u3000d", '"a b\\u00a0c\\u3000d"'],
    ["line and paragraph separators", "a\u2028b\u2029c", '"a\\u2028b\\u2029c"'],
    ["a Hangul filler", "a\u3164b", '"a\\u3164b"'],
    ["a tag character beyond the BMP, as a surrogate pair", "a\u{e0041}b", '"a\\udb40\\udc41b"'],
    ["a lone surrogate", "a\ud800b", '"a\\ud800b"'],
  ])("quoted: %s", (_title, text, shown) => {
    expect(quoted(text)).toBe(shown);
  });

  test("visible escapes hidden characters only, without quoting", () => {
    expect(visible('say "hi"\u202e\n\\')).toBe('say "hi"\\u202e\\u000a\\');
  });

  test("firstHiddenCharacter finds what visible would escape", () => {
    expect(firstHiddenCharacter("track.example.com")).toBeUndefined();
    expect(firstHiddenCharacter("a\u00adb\u200bc")).toBe("\u00ad");
    expect(firstHiddenCharacter("a\u{e0041}")).toBe("\u{e0041}");
  });

  test("SparkPost's API text is shown by the same function", () => {
    expect(visibleApiText).toBe(visible);
  });
});
