/**
 * The entry settings `protect` and `retainOnDelete` under mocks: the root program passes them as
 * resource options to the entry's component, never as arguments, and only to that entry.
 */
import * as path from "node:path";
import { runMockedProgram, typesAndNames } from "./mockedProgram";

const PROJECT = "pulumi-sparkpost-tracking";
const PROGRAM = path.resolve(__dirname, "../../program/index.ts");
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const COMPONENT = "sparkpost:index:CustomTrackingDomain";

const runRootProgram = (entries: unknown[]) =>
  runMockedProgram({
    programPath: PROGRAM,
    project: PROJECT,
    config: { [`${PROJECT}:trackingDomains`]: entries },
  });

const track = {
  domain: "track.example.com",
  dns: { provider: "manual" },
  default: true,
  sendingDomains: ["mail.example.com"],
  adopt: true,
};
const click = { domain: "click.example.com", dns: { provider: "route53", zoneId: "Z1" } };

/** Every resource of the `track.example.com` entry, sorted by name. */
const TRACK_RESOURCES = [
  "track-example-com",
  "track-example-com-default",
  "track-example-com-domain",
  "track-example-com-link-mail.example.com",
  "track-example-com-verification",
];

test("protect: true protects the entry's component and every child, and nothing else", async () => {
  const run = await runRootProgram([{ ...track, protect: true }, click]);

  expect(run.protectedNames).toEqual(TRACK_RESOURCES);
  expect(run.retainedNames).toEqual([]);
  expect(typesAndNames(run)).toContain(`aws:route53/record:Record::click-example-com-cname`);
});

test("protect reaches the DNS record too", async () => {
  const run = await runRootProgram([{ ...click, protect: true }]);

  expect(run.protectedNames).toEqual([
    "click-example-com",
    "click-example-com-cname",
    "click-example-com-domain",
    "click-example-com-verification",
  ]);
});

test("retainOnDelete: true is set on the entry's component, which the engine passes on to its children", async () => {
  const run = await runRootProgram([track, { ...click, retainOnDelete: true }]);

  expect(run.retainedNames).toEqual(["click-example-com"]);
  expect(run.protectedNames).toEqual([]);
});

test("neither setting reaches the component's arguments or any resource's inputs", async () => {
  const run = await runRootProgram([{ ...track, protect: true, retainOnDelete: true }]);

  expect(run.resources.map((resource) => resource.inputs)).toEqual([
    {},
    { domain: "track.example.com", adopt: true },
    {
      domain: "track.example.com",
      expectedTarget: "v2.spgo.io",
      adopt: true,
      triggers: ["v2.spgo.io"],
    },
    { domain: "track.example.com", adopt: true },
    { sendingDomain: "mail.example.com", trackingDomain: "track.example.com", adopt: true },
  ]);
  expect(typesAndNames(run)).toEqual(
    [
      `${COMPONENT}::track-example-com`,
      `${DYNAMIC}:TrackingDomain::track-example-com-domain`,
      `${DYNAMIC}:TrackingDomainVerification::track-example-com-verification`,
      `${DYNAMIC}:DefaultTrackingDomain::track-example-com-default`,
      `${DYNAMIC}:SendingDomainLink::track-example-com-link-mail.example.com`,
    ].sort(),
  );
});

test("false is the same as unset", async () => {
  const run = await runRootProgram([{ ...track, protect: false, retainOnDelete: false }]);

  expect(run.protectedNames).toEqual([]);
  expect(run.retainedNames).toEqual([]);
});
