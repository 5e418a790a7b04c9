/**
 * Every Pulumi.yaml of the repository (the root program and each example) against the Pulumi
 * project schema, plus the rules the CLI enforces beyond it. The schema is a copy of
 * pulumi/pulumi's sdk/go/common/workspace/project.json, kept in test/fixtures so that the tests
 * depend on nothing outside the repository.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import projectSchema from "../fixtures/pulumi-project.schema.json";
import { projectDirectories, readProject, REPOSITORY_ROOT } from "./projectFiles";

// Not strict: the schema is Pulumi's, written for another validator.
const validateProject = new Ajv2020({ allErrors: true, strict: false }).compile(projectSchema);

function schemaErrors(project: unknown): string[] {
  if (validateProject(project)) return [];
  return (validateProject.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

test("the projects are the root program and the nine examples", () => {
  expect(projectDirectories()).toEqual([
    ".",
    "examples/adopt-existing",
    "examples/cloudflare",
    "examples/eu-subaccount",
    "examples/https-cloudflare-proxy",
    "examples/https-cloudfront",
    "examples/https-managed",
    "examples/multiple-domains",
    "examples/route53",
    "examples/two-regions",
  ]);
});

describe.each(projectDirectories())("%s/Pulumi.yaml", (directory) => {
  const project = readProject(directory);

  test("is valid against the Pulumi project schema", () => {
    expect(schemaErrors(project)).toEqual([]);
  });

  test("is a TypeScript nodejs program whose main file exists", () => {
    expect(project).toMatchObject({ runtime: { name: "nodejs", options: { typescript: true } } });
    // Explicit: otherwise the host would run package.json's main, the compiled library.
    expect(project.main).toBe(directory === "." ? "program/index.ts" : "index.ts");
    expect(existsSync(path.join(REPOSITORY_ROOT, directory, project.main!))).toBe(true);
  });

  test("types only its own config keys: the CLI refuses types on other namespaces", () => {
    const typedElsewhere = Object.entries(project.config ?? {})
      .filter(([key, value]) => key.includes(":") && typeof value === "object")
      .map(([key]) => key);
    expect(typedElsewhere).toEqual([]);
  });
});

test.each<[string, unknown, string[]]>([
  ["no runtime", { name: "p" }, [" must have required property 'runtime'"]],
  [
    "a list of objects as a config type, which trackingDomains would need",
    {
      name: "p",
      runtime: "nodejs",
      config: { trackingDomains: { type: "array", items: { type: "object" } } },
    },
    [
      "/config/trackingDomains must be string",
      "/config/trackingDomains must be integer",
      "/config/trackingDomains must be boolean",
      "/config/trackingDomains/items/type must be equal to one of the allowed values",
      "/config/trackingDomains/items/type must be object",
      "/config/trackingDomains/items/type must match exactly one schema in oneOf",
      "/config/trackingDomains must match exactly one schema in oneOf",
    ],
  ],
])("the schema rejects %s", (_title, project, errors) => {
  expect(schemaErrors(project)).toEqual(errors);
});
