/**
 * Drives the real `@pulumi/pulumi/cmd/dynamic-provider` host over gRPC, the exact path `pulumi up`
 * takes: the host is spawned as its own Node process, loads the serialized provider text with
 * require-from-string, runs `configure()` with the stack config, then serves Check, Diff, Create,
 * Read, Update and Delete.
 *
 * The stored providers load `pulumi-sparkpost-tracking/dynamic-provider` from the host's working
 * directory (the package root, where `node_modules/pulumi-sparkpost-tracking` links back to it).
 * The host runs with the export condition `sparkpost-tracking-source` and tsx's require hook, so
 * that entry resolves to the TypeScript sources under test instead of the compiled `bin/`.
 */
import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";

export type Props = Record<string, unknown>;

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** An error from Create or Update; `partial` is set when the host recorded a partial create. */
export class HostCallError extends Error {
  constructor(
    message: string,
    public readonly partial?: { id: string; properties: Props },
  ) {
    super(message);
  }
}

const packageRoot = path.resolve(__dirname, "..", "..");

/** The export condition under which package.json maps the package's entries to its sources. */
export const SOURCE_CONDITION = "sparkpost-tracking-source";

/** Serializes a provider exactly as `pulumi.dynamic.Resource` does for `__provider`. */
export async function serializeProvider(provider: object): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::pulumi-sparkpost-tracking::pulumi-nodejs:dynamic/sparkpost:${type}::${name}`;
}

export class ProviderHost {
  private stdoutText = "";
  private stderrText = "";

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly client: ResourceProviderClient,
  ) {
    child.stdout.on("data", (chunk: Buffer) => (this.stdoutText += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString()));
  }

  /**
   * Spawns the host with the same Node binary as the tests, its working directory at the package
   * root (as the engine runs it from the project directory), and `env` added to the environment.
   * `cwd` runs it elsewhere (a project with the package installed), without the source condition.
   */
  static async start(
    env: Record<string, string | undefined> = {},
    cwd?: string,
  ): Promise<ProviderHost> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
    const fromSource = cwd === undefined;
    const projectRequire = createRequire(path.join(cwd ?? packageRoot, "index.js"));
    const hostScript = projectRequire.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const sourceFlags = fromSource
      ? [`--conditions=${SOURCE_CONDITION}`, "--require", require.resolve("tsx/cjs")]
      : [];
    const child = spawn(process.execPath, [...sourceFlags, hostScript, "127.0.0.1:0"], {
      cwd: cwd ?? packageRoot,
      env: childEnv,
    });
    const port = await new Promise<string>((resolve, reject) => {
      let buffered = "";
      const onData = (chunk: Buffer): void => {
        buffered += chunk.toString();
        const newline = buffered.indexOf("\n");
        if (newline >= 0) {
          child.stdout.off("data", onData);
          resolve(buffered.slice(0, newline).trim());
        }
      };
      child.stdout.on("data", onData);
      child.once("exit", (code) => reject(new Error(`provider host exited early (${code})`)));
    });
    const client = new ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    return new ProviderHost(child, client);
  }

  /** What the host printed after its port line: provider progress lines and stack traces. */
  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  async configure(config: Record<string, string>): Promise<void> {
    const request = new proto.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript(config));
    for (const [key, value] of Object.entries(config)) request.getVariablesMap().set(key, value);
    await this.call<proto.ConfigureResponse>("configure", request);
  }

  async check(
    urn: string,
    olds: Props,
    news: Props,
  ): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    const request = new proto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(Struct.fromJavaScript(olds as never));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<proto.CheckResponse>("check", request);
    return {
      inputs: response.getInputs()?.toJavaScript() ?? {},
      failures: response
        .getFailuresList()
        .map((failure) => ({ property: failure.getProperty(), reason: failure.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<DiffResult> {
    const request = new proto.DiffRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(Struct.fromJavaScript(olds as never));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<proto.DiffResponse>("diff", request);
    const changes = response.getChanges();
    const Changes = proto.DiffResponse.DiffChanges;
    return {
      changes:
        changes === Changes.DIFF_SOME ? "some" : changes === Changes.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new proto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(Struct.fromJavaScript(properties as never));
    const response = await this.call<proto.CreateResponse>("create", request);
    return { id: response.getId(), properties: response.getProperties()?.toJavaScript() ?? {} };
  }

  async read(
    id: string,
    urn: string,
    properties: Props,
    inputs: Props,
  ): Promise<{ id: string; properties: Props; inputs: Props }> {
    const request = new proto.ReadRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(Struct.fromJavaScript(properties as never));
    request.setInputs(Struct.fromJavaScript(inputs as never));
    const response = await this.call<proto.ReadResponse>("read", request);
    return {
      id: response.getId(),
      properties: response.getProperties()?.toJavaScript() ?? {},
      inputs: response.getInputs()?.toJavaScript() ?? {},
    };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<Props> {
    const request = new proto.UpdateRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setOlds(Struct.fromJavaScript(olds as never));
    request.setNews(Struct.fromJavaScript(news as never));
    const response = await this.call<proto.UpdateResponse>("update", request);
    return response.getProperties()?.toJavaScript() ?? {};
  }

  async delete(id: string, urn: string, properties: Props): Promise<void> {
    const request = new proto.DeleteRequest();
    request.setId(id);
    request.setUrn(urn);
    request.setProperties(Struct.fromJavaScript(properties as never));
    await this.call("delete", request);
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill();
    await exited;
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      type UnaryCall = (
        request: unknown,
        callback: (error: grpc.ServiceError | null, response: T) => void,
      ) => void;
      const rpc = (this.client as unknown as Record<string, UnaryCall>)[method].bind(this.client);
      rpc(request, (error, response) => {
        if (error) reject(toHostCallError(error));
        else resolve(response);
      });
    });
  }
}

/** Unpacks the host's `ErrorResourceInitFailed` detail, which marks a partially created resource. */
function toHostCallError(error: grpc.ServiceError): HostCallError {
  const detailsBin = error.metadata?.get("grpc-status-details-bin")?.[0];
  if (detailsBin instanceof Buffer) {
    const status = statusProto.Status.deserializeBinary(detailsBin);
    for (const detail of status.getDetailsList()) {
      const initFailed = proto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
      return new HostCallError(error.details, {
        id: initFailed.getId(),
        properties: initFailed.getProperties()?.toJavaScript() ?? {},
      });
    }
  }
  return new HostCallError(error.details);
}
