/**
 * Default claims belong to one run of the program. The Automation API runs an inline program
 * again in the same process, each run inside its own Stack: a later run that moves the default
 * to another domain must be accepted, while two defaults within one run are still refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "../../provider/component";
import { MockProgram, mockProgram, settled } from "./mockProgram";

const manual = { provider: "manual" } as const;

/** One run of a program inside its own Stack, as an inline program runs; resolves to its error. */
async function runInStack(declare: () => Promise<CustomTrackingDomain[]>): Promise<unknown> {
  let thrown: unknown;
  await pulumi.runtime.runInPulumiStack(async () => {
    try {
      await Promise.all((await declare()).map(settled));
    } catch (error) {
      thrown = error;
    }
    return {};
  });
  return thrown;
}

/** The DefaultTrackingDomain resources among `resources`, with the domain each sets. */
function defaultsOf(resources: MockProgram["resources"]): string[] {
  return resources
    .filter((resource) => resource.type === "pulumi-nodejs:dynamic/sparkpost:DefaultTrackingDomain")
    .map((resource) => `${resource.name} -> ${String(resource.inputs.domain)}`);
}

// One set of mocks for both runs, as one process serves every run of an inline program: nothing
// between the runs forgets the first run's claims (mockProgram() would reset them).
test("a second run in the same process may move the default to another domain", async () => {
  const program = await mockProgram();
  const firstError = await runInStack(async () => [
    new CustomTrackingDomain("a", { domain: "a.example.com", dns: manual, default: true }),
    new CustomTrackingDomain("b", { domain: "b.example.com", dns: manual }),
  ]);
  expect(firstError).toBeUndefined();
  expect(defaultsOf(program.resources)).toEqual(["a-default -> a.example.com"]);

  const registeredBefore = program.resources.length;
  const secondError = await runInStack(async () => [
    new CustomTrackingDomain("a", { domain: "a.example.com", dns: manual }),
    new CustomTrackingDomain("b", { domain: "b.example.com", dns: manual, default: true }),
  ]);
  expect(secondError).toBeUndefined();
  expect(defaultsOf(program.resources.slice(registeredBefore))).toEqual([
    "b-default -> b.example.com",
  ]);
});

test("within one run a second default for the same account is still refused", async () => {
  const program = await mockProgram();
  await runInStack(async () => [
    new CustomTrackingDomain("a", { domain: "a.example.com", dns: manual, default: true }),
  ]);

  const registeredBefore = program.resources.length;
  const error = await runInStack(async () => {
    const claimant = new CustomTrackingDomain("b", {
      domain: "b.example.com",
      dns: manual,
      default: true,
    });
    await settled(claimant);
    return [
      claimant,
      new CustomTrackingDomain("c", { domain: "c.example.com", dns: manual, default: true }),
    ];
  });
  expect(error).toBeInstanceOf(pulumi.ResourceError);
  // "b" claimed it in this run, not "a" of the run before.
  expect((error as Error).message).toBe(
    'CustomTrackingDomain "c" sets default: true for the primary account, but "b" already does: only one tracking domain per account or subaccount can be the default.',
  );
  expect(defaultsOf(program.resources.slice(registeredBefore))).toEqual([
    "b-default -> b.example.com",
  ]);
});
