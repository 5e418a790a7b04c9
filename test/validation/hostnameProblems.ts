/**
 * Bad hostnames and the sentence each one earns, shared by the three targets of the bad-input
 * suite. Each target words the start and the end itself (a resource's `check` says
 * "domain ... .", the component "domain ...", the stack config "trackingDomains[0].domain ..."),
 * so these are the exact middles, written out rather than computed from the code under test.
 */

export interface HostnameCase {
  title: string;
  value: string;
  /** The exact sentence after the property name. */
  problem: string;
}

const HINT = 'such as "track.example.com"';
const longLabel = "l".repeat(64);
/** Four labels of 63 characters and ".com": 259 characters, every label valid. */
const longName = `${["a", "b", "c", "d"].map((letter) => letter.repeat(63)).join(".")}.com`;

/** A filter picking the cases of these titles, to spread a sample of them over other fields. */
export const titled = (titles: readonly string[]) => (entry: HostnameCase) =>
  titles.includes(entry.title);

/** Wrong for any hostname property: tracking domains, sending domains, CNAME targets. */
export const HOSTNAME_CASES: readonly HostnameCase[] = [
  {
    title: "a URL with scheme, path and query",
    value: "https://track.example.com/click?id=1",
    problem: `must be a bare hostname ${HINT}, without "https://"`,
  },
  {
    title: "a path",
    value: "track.example.com/click",
    problem: `must be a bare hostname ${HINT}, without a path ("/click")`,
  },
  {
    title: "a query",
    value: "track.example.com?utm=1",
    problem: `must be a bare hostname ${HINT}, without a query or fragment ("?utm=1")`,
  },
  {
    title: "a port",
    value: "track.example.com:443",
    problem: `must be a bare hostname ${HINT}, without a port (":443")`,
  },
  {
    title: "an IPv4 address",
    value: "203.0.113.7",
    problem: `must be a hostname ${HINT}, not an IP address ("203.0.113.7")`,
  },
  {
    title: "an IPv6 address in brackets",
    value: "[2001:db8::1]",
    problem: `must be a hostname ${HINT}, not an IP address ("[2001:db8::1]")`,
  },
  {
    title: "a wildcard",
    value: "*.example.com",
    problem: `must be one hostname ${HINT}, not a wildcard ("*.example.com")`,
  },
  {
    title: "non-ASCII with a punycode form",
    value: "Bücher.example.com",
    problem:
      'must be written in ASCII; use the punycode form "xn--bcher-kva.example.com" of "bücher.example.com"',
  },
  {
    title: "non-ASCII without a punycode form",
    value: "track\uFFFD.example.com",
    problem:
      'may contain only ASCII letters, digits, hyphens and dots, but "track\uFFFD.example.com" contains U+FFFD',
  },
  {
    title: "an invalid character",
    value: "track!.example.com",
    problem:
      'may contain only letters, digits, hyphens and dots, but "track!.example.com" contains "!"',
  },
  {
    title: "a space inside",
    value: "track .example.com",
    problem:
      'may contain only letters, digits, hyphens and dots, but "track .example.com" contains " "',
  },
  {
    title: "a bell character inside, shown escaped",
    value: "track\u0007.example.com",
    problem:
      'must not contain control characters, but "track\\u0007.example.com" contains "\\u0007"',
  },
  {
    title: "a newline inside, shown escaped",
    value: "track\n.example.com",
    problem: 'must not contain control characters, but "track\\n.example.com" contains "\\n"',
  },
  {
    title: "a tab inside, shown escaped",
    value: "track.exa\tmple.com",
    problem: 'must not contain control characters, but "track.exa\\tmple.com" contains "\\t"',
  },
  {
    title: "an escape sequence inside, shown escaped",
    value: "track\u001b[31m.example.com",
    problem:
      'must not contain control characters, but "track\\u001b[31m.example.com" contains "\\u001b"',
  },
  {
    title: "a single label",
    value: "tracking",
    problem: `must be a fully qualified hostname ${HINT}, not the single label "tracking"`,
  },
  {
    title: "an empty label",
    value: "track..example.com",
    problem: 'must not contain empty labels; remove the extra dot from "track..example.com"',
  },
  {
    title: "a leading dot",
    value: ".track.example.com",
    problem: 'must not contain empty labels; remove the extra dot from ".track.example.com"',
  },
  {
    title: "a label over 63 characters",
    value: `${longLabel}.example.com`,
    problem: `must have labels of at most 63 characters, but "${longLabel}" has 64`,
  },
  {
    title: "a name over 253 characters",
    value: longName,
    problem: "must be at most 253 characters long, but has 259",
  },
  {
    title: "a label with a leading hyphen",
    value: "-track.example.com",
    problem: 'must not have a label that starts or ends with a hyphen, like "-track"',
  },
  {
    title: "a label with a trailing hyphen",
    value: "track.example-.com",
    problem: 'must not have a label that starts or ends with a hyphen, like "example-"',
  },
  {
    title: "an all-digit top-level domain",
    value: "track.example.42",
    problem: 'must end in a top-level domain made of letters, not "42"',
  },
];

/** Wrong only where a tracking domain is meant: its CNAME cannot sit at a domain's root. */
export const SUBDOMAIN_CASES: readonly HostnameCase[] = [
  {
    title: "an apex domain",
    value: "example.org",
    problem:
      'must be a subdomain such as "track.example.org" of a domain you own, not "example.org" itself, since a CNAME record cannot sit at the root of a domain',
  },
  {
    title: "an apex under a two-label public suffix",
    value: "Example.CO.UK.",
    problem:
      'must be a subdomain such as "track.example.co.uk" of a domain you own, not "example.co.uk" itself, since a CNAME record cannot sit at the root of a domain',
  },
  {
    title: "a public suffix",
    value: "co.uk",
    problem:
      'must be a subdomain such as "track.example.co.uk" of a domain you own; "co.uk" is a public suffix, which no one owns',
  },
];

/**
 * Characters that would hide in a message, or act on the terminal printing it: each is refused by
 * name before any other rule (the punycode one would drop some of them and suggest a name that
 * looks the same), and every value is shown with them escaped as `\uXXXX`, as JSON escapes.
 */
export const HIDDEN_CHARACTER_CASES: readonly HostnameCase[] = [
  {
    title: "a DEL character inside",
    value: "track\u007f.example.com",
    problem:
      'must not contain control characters, but "track\\u007f.example.com" contains "\\u007f"',
  },
  {
    title: "a C1 control sequence introducer inside",
    value: "track\u009b2J.example.com",
    problem:
      'must not contain control characters, but "track\\u009b2j.example.com" contains "\\u009b"',
  },
  {
    title: "a right-to-left override inside",
    value: "tr\u202eack.example.com",
    problem:
      'must not contain invisible characters, but "tr\\u202eack.example.com" contains "\\u202e"',
  },
  {
    title: "a soft hyphen inside",
    value: "track.exa\u00admple.com",
    problem:
      'must not contain invisible characters, but "track.exa\\u00admple.com" contains "\\u00ad"',
  },
  {
    title: "a zero-width space inside",
    value: "track\u200b.example.com",
    problem:
      'must not contain invisible characters, but "track\\u200b.example.com" contains "\\u200b"',
  },
  {
    title: "a byte order mark inside",
    value: "track.\ufeffexample.com",
    problem:
      'must not contain invisible characters, but "track.\\ufeffexample.com" contains "\\ufeff"',
  },
  {
    title: "a no-break space inside",
    value: "track\u00a0example.com",
    problem:
      'must not contain invisible characters, but "track\\u00a0example.com" contains "\\u00a0"',
  },
  {
    title: "a line separator inside",
    value: "track\u2028.example.com",
    problem:
      'must not contain invisible characters, but "track\\u2028.example.com" contains "\\u2028"',
  },
  {
    title: "a double quote inside",
    value: 'tr"ack.example.com',
    problem:
      'may contain only letters, digits, hyphens and dots, but "tr\\"ack.example.com" contains "\\""',
  },
  {
    title: "a backslash inside",
    value: "track\\example.com",
    problem:
      'may contain only letters, digits, hyphens and dots, but "track\\\\example.com" contains "\\\\"',
  },
];
