import { zoneCandidates } from "../../provider/dns/authorities";

describe("zoneCandidates", () => {
  test.each<[string, string[]]>([
    ["track.example.com", ["example.com"]],
    ["Click.Mail.Example.com.", ["mail.example.com", "example.com"]],
    ["a.b.track.example.co.uk", ["b.track.example.co.uk", "track.example.co.uk", "example.co.uk"]],
    ["track.example.corp", ["example.corp"]],
    ["track.myapp.herokuapp.com", ["myapp.herokuapp.com", "herokuapp.com"]],
    // A registrable domain or a public suffix has no zone above it that could hold its CNAME.
    ["example.com", []],
    ["example.co.uk", []],
    ["co.uk", []],
  ])("%j gives %j", (domain, expected) => {
    expect(zoneCandidates(domain)).toEqual(expected);
  });
});
