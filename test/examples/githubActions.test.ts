/**
 * The GitOps workflow example parses as YAML and does what its README says: preview with a pull
 * request comment, `up` on a push to main, Node 24, credentials only from repository secrets.
 */
import { readYaml } from "./projectFiles";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

interface Job {
  if: string;
  permissions?: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  steps: Step[];
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = readYaml("examples/github-actions/pulumi.yml") as Workflow;
const pulumiStep = (job: Job) => job.steps.find((step) => step.uses?.startsWith("pulumi/actions"))!;

test("runs on pull requests to main and on pushes to main, with read-only defaults", () => {
  expect(workflow.on).toEqual({
    pull_request: { branches: ["main"] },
    push: { branches: ["main"] },
  });
  expect(workflow.permissions).toEqual({ contents: "read" });
  expect(Object.keys(workflow.jobs)).toEqual(["preview", "up"]);
});

test.each(["preview", "up"])(
  "%s checks out, sets up Node 24 and installs locked dependencies",
  (name) => {
    const steps = workflow.jobs[name].steps;
    expect(steps.map((step) => step.uses ?? step.run)).toEqual([
      "actions/checkout@v6",
      "actions/setup-node@v6",
      "npm ci",
      "pulumi/actions@v7",
    ]);
    expect(steps[1].with).toEqual({ "node-version": 24, cache: "npm" });
  },
);

test("preview runs on pull requests and posts the diff as a comment", () => {
  const preview = workflow.jobs.preview;
  expect(preview.if).toBe("github.event_name == 'pull_request'");
  expect(preview.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(preview.concurrency).toEqual({
    group: "preview-${{ github.event.pull_request.number }}",
    "cancel-in-progress": true,
  });
  expect(pulumiStep(preview).with).toEqual({
    command: "preview",
    "stack-name": "acme/production",
    "comment-on-pr": true,
    "github-token": "${{ secrets.GITHUB_TOKEN }}",
  });
});

test("up runs on pushes to main, one at a time, never cancelled", () => {
  const up = workflow.jobs.up;
  expect(up.if).toBe("github.event_name == 'push'");
  expect(up.concurrency).toEqual({ group: "up-production", "cancel-in-progress": false });
  expect(pulumiStep(up).with).toEqual({ command: "up", "stack-name": "acme/production" });
});

test.each<[string, string[]]>([
  [
    "preview",
    ["PULUMI_ACCESS_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CLOUDFLARE_API_TOKEN"],
  ],
  [
    "up",
    [
      "PULUMI_ACCESS_TOKEN",
      "SPARKPOST_API_KEY",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "CLOUDFLARE_API_TOKEN",
    ],
  ],
])("%s takes every credential from the repository secret of the same name", (name, secrets) => {
  expect(pulumiStep(workflow.jobs[name]).env).toEqual(
    Object.fromEntries(secrets.map((secret) => [secret, `\${{ secrets.${secret} }}`])),
  );
});
