/**
 * The bad-input suite: every mistake a user can make in the four resources, the component and the
 * root program's stack config is refused before any SparkPost call, at the exact property path,
 * with the exact sentence that says what to do. Cases whose behaviour is wrong today run as
 * `test.failing`, each naming its defect; once one is fixed as its case expects, jest reports the
 * case as passing unexpectedly, and its `defect` field comes off.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { resetDefaultClaims } from "../../provider/component/defaultClaims";
import { readTrackingDomains, trackingDomainsProblems } from "../../program/config";
import { rootProgram } from "../../program/rootProgram";
import { mockProgram, MockProgram, settled } from "../component/mockProgram";
import { EngineFixture, startEngineFixture } from "../support/engineFixture";
import { CheckFailedError } from "../support/hostResource";
import { BadInput, Tally, Target } from "./badInput";
import { COMPONENT_ARGUMENT_CASES, ComponentCase } from "./componentCases";
import { COMPONENT_DNS_CASES } from "./componentDnsCases";
import { RESOURCE_CASES, ResourceCase } from "./resourceCases";
import { STACK_CONFIG_SHAPE_CASES, StackConfigCase } from "./stackConfigCases";
import { STACK_CONFIG_ENTRY_CASES } from "./stackConfigEntryCases";

const tally = new Tally();
const duplicates: string[] = [];

/** Registers a table: cases that must hold run as tests, known defects as `test.failing`. */
function table<Case extends BadInput>(
  target: Target,
  cases: readonly Case[],
  keyOf: (entry: Case) => string,
): { holding: Case[]; defects: Case[] } {
  for (const entry of cases) {
    const key = keyOf(entry);
    if (!tally.define(target, key, entry.defect)) duplicates.push(`${target}: ${key}`);
  }
  return {
    holding: cases.filter((entry) => entry.defect === undefined),
    defects: cases.filter((entry) => entry.defect !== undefined),
  };
}

/** Runs known defects as `test.failing`; jest refuses an empty table, so none registers nothing. */
function failingEach<Case extends BadInput>(
  defects: readonly Case[],
  name: string,
  refuses: (entry: Case) => Promise<void>,
): void {
  if (defects.length > 0) test.failing.each(defects)(name, refuses);
}

/** What `action` threw; fails the test when it threw nothing. */
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal, but the input was accepted");
}

afterAll(() => {
  console.log(tally.summary());
});

describe("the four resources, through the real provider host's Check", () => {
  let fixture: EngineFixture;
  beforeAll(async () => {
    fixture = await startEngineFixture();
  });
  afterAll(async () => fixture?.close());
  beforeEach(() => fixture.sandbox.clearLog());

  async function refuses({ kind, args, property, reason }: ResourceCase): Promise<void> {
    const resource = fixture.resource(kind, "bad-input");
    const refusal = await resource.check(args).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(CheckFailedError);
    expect((refusal as CheckFailedError).failures).toEqual([{ property, reason }]);
    // The whole create step stops at Check too: nothing in state, nothing sent.
    await expect(resource.create(args)).rejects.toThrow(CheckFailedError);
    expect(resource.state).toBeUndefined();
    expect(fixture.sandbox.requests).toEqual([]);
    tally.rejected("resources");
  }

  const { holding, defects } = table("resources", RESOURCE_CASES, (entry) =>
    JSON.stringify([entry.kind, entry.args]),
  );
  test.each(holding)("$kind refuses $title ($property)", refuses);
  failingEach(defects, "DEFECT $kind $title ($property): $defect", refuses);
});

describe("the CustomTrackingDomain component, under mocks", () => {
  let program: MockProgram;
  beforeEach(async () => {
    program = await mockProgram();
  });

  async function refuses({ args, propertyPath, reason }: ComponentCase): Promise<void> {
    let component: CustomTrackingDomain | undefined;
    let error: unknown;
    try {
      component = new CustomTrackingDomain("bad", args as unknown as CustomTrackingDomainArgs);
    } catch (caught) {
      error = caught;
    }
    // Let whatever was declared finish registering inside this test, not the next one.
    if (component !== undefined) await settled(component);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulumi.InputPropertyError.isInstance(error)).toBe(true);
    const refusal = error as pulumi.InputPropertyError;
    expect({ propertyPath: refusal.propertyPath, reason: refusal.reason }).toEqual({
      propertyPath,
      reason,
    });
    expect(refusal.message).toBe(reason);
    expect(program.resources).toEqual([]);
    expect(program.invokes).toEqual([]);
    tally.rejected("component");
  }

  const { holding, defects } = table(
    "component",
    [...COMPONENT_ARGUMENT_CASES, ...COMPONENT_DNS_CASES],
    (entry) =>
      JSON.stringify(entry.args, (_key, value: unknown) =>
        value instanceof Promise ? "<a Promise>" : value === undefined ? "<undefined>" : value,
      ),
  );
  test.each(holding)("refuses $title ($propertyPath)", refuses);
  failingEach(defects, "DEFECT $title ($propertyPath): $defect", refuses);
});

describe("the root program's stack config", () => {
  const project = "pulumi-sparkpost-tracking";
  let declared: string[];
  beforeEach(async () => {
    declared = [];
    resetDefaultClaims();
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          declared.push(`${args.type}::${args.name}`);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          declared.push(args.token);
          return {};
        },
      },
      project,
      "stack",
      false,
    );
  });

  async function refuses({ value, problem }: StackConfigCase): Promise<void> {
    expect(trackingDomainsProblems(value)).toEqual([problem]);
    pulumi.runtime.setAllConfig({ [`${project}:trackingDomains`]: JSON.stringify(value) });
    // As the CLI prints it: the message alone (a RunError has no stack trace).
    const shown = [
      'The stack configuration "trackingDomains" has 1 problem:',
      `  - ${problem}`,
      "Fix Pulumi.stack.yaml (see program/README.md) and run again.",
    ].join("\n");
    const readError = thrownBy(() => readTrackingDomains(new pulumi.Config()));
    expect(pulumi.RunError.isInstance(readError)).toBe(true);
    expect((readError as Error).message).toBe(shown);
    const programError = thrownBy(() => rootProgram());
    await new Promise((resolve) => setImmediate(resolve));
    expect((programError as Error).message).toBe(shown);
    expect(declared).toEqual([]);
    tally.rejected("root config");
  }

  const { holding, defects } = table(
    "root config",
    [...STACK_CONFIG_SHAPE_CASES, ...STACK_CONFIG_ENTRY_CASES],
    (entry) => JSON.stringify(entry.value),
  );
  test.each(holding)("refuses $title", refuses);
  failingEach(defects, "DEFECT $title: $defect", refuses);
});

test("the tables hold at least 100 distinct bad inputs, none of them twice", () => {
  expect(duplicates).toEqual([]);
  expect(tally.distinct()).toBeGreaterThanOrEqual(100);
});
