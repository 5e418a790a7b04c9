/**
 * One dynamic resource driven through the real provider host, step by step. The test names the
 * step it expects the engine to take (create, update, replace, same); the resource checks that the
 * provider's Check and Diff agree, then makes the calls the engine makes for that step, in its
 * order, and keeps the state the engine would keep. Deciding steps is the engine's job: under the
 * real engine (npm run e2e) the CLI does it.
 */
import {
  CheckFailure,
  DiffResult,
  HostCallError,
  ProviderHost,
  Props,
  urnOf,
} from "./providerHost";

export interface ResourceState {
  id: string;
  inputs: Props;
  outputs: Props;
}

export class CheckFailedError extends Error {
  constructor(public readonly failures: CheckFailure[]) {
    super(failures.map((failure) => `${failure.property}: ${failure.reason}`).join("\n"));
  }
}

/** Drops keys whose value is undefined: the engine never sends them. */
function defined(args: Props): Props {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
}

export class HostResource {
  state: ResourceState | undefined;
  readonly urn: string;

  constructor(
    private readonly host: ProviderHost,
    private readonly providerText: string,
    type: string,
    name: string,
  ) {
    this.urn = urnOf(type, name);
  }

  /** Check with the previous inputs, as the engine does before every step. */
  async check(args: Props): Promise<Props> {
    const news = { ...defined(args), __provider: this.providerText };
    const { inputs, failures } = await this.host.check(this.urn, this.state?.inputs ?? {}, news);
    if (failures.length > 0) throw new CheckFailedError(failures);
    return inputs;
  }

  /** What `pulumi preview` learns: check, then diff against the stored outputs. */
  async preview(args: Props): Promise<DiffResult | "create"> {
    const inputs = await this.check(args);
    if (!this.state) return "create";
    return this.host.diff(this.state.id, this.urn, this.state.outputs, inputs);
  }

  /** Check and Create. A partial create is recorded in state, as the engine records it. */
  async create(args: Props): Promise<void> {
    if (this.state) throw new Error(`${this.urn} already exists: use update, replace or same`);
    const inputs = await this.check(args);
    try {
      const created = await this.host.create(this.urn, inputs);
      this.state = { id: created.id, inputs, outputs: created.properties };
    } catch (error) {
      if (error instanceof HostCallError && error.partial) {
        this.state = { id: error.partial.id, inputs, outputs: error.partial.properties };
      }
      throw error;
    }
  }

  /** Check, a Diff that must report an in-place change, and Update. */
  async update(args: Props): Promise<void> {
    const { state, inputs } = await this.expectDiff(args, "update");
    const outputs = await this.host.update(state.id, this.urn, state.outputs, inputs);
    this.state = { id: state.id, inputs, outputs };
  }

  /**
   * Check, a Diff that must report a replacement, then Create and Delete in the order the Diff
   * asks for (delete first when it says deleteBeforeReplace).
   */
  async replace(args: Props): Promise<void> {
    const { state, inputs, diff } = await this.expectDiff(args, "replace");
    if (diff.deleteBeforeReplace) await this.host.delete(state.id, this.urn, state.outputs);
    const created = await this.host.create(this.urn, inputs);
    if (!diff.deleteBeforeReplace) await this.host.delete(state.id, this.urn, state.outputs);
    this.state = { id: created.id, inputs, outputs: created.properties };
  }

  /**
   * The `pulumi up` after a partial create: the engine records a resource whose create failed
   * after making something (with its init errors), and then always Updates it, whatever Diff says,
   * so that the provider can finish the job.
   */
  async finishPartialCreate(args: Props): Promise<void> {
    const state = this.state;
    if (!state) throw new Error(`${this.urn} has no partial create to finish`);
    const inputs = await this.check(args);
    const outputs = await this.host.update(state.id, this.urn, state.outputs, inputs);
    this.state = { id: state.id, inputs, outputs };
  }

  /** Check and a Diff that must report no change: the engine then keeps the outputs. */
  async same(args: Props): Promise<void> {
    const { state, inputs } = await this.expectDiff(args, "same");
    this.state = { ...state, inputs };
  }

  /** `pulumi refresh`: one Read; an empty id means the object is gone and leaves state. */
  async refresh(): Promise<"gone" | "refreshed"> {
    if (!this.state) throw new Error("nothing to refresh");
    const result = await this.host.read(
      this.state.id,
      this.urn,
      this.state.outputs,
      this.state.inputs,
    );
    if (!result.id) {
      this.state = undefined;
      return "gone";
    }
    const hasInputs = Object.keys(result.inputs).length > 0;
    this.state = {
      id: result.id,
      outputs: result.properties,
      inputs: hasInputs ? result.inputs : this.state.inputs,
    };
    return "refreshed";
  }

  /** `pulumi destroy` of this resource: one Delete, then it leaves state. */
  async destroy(): Promise<void> {
    if (!this.state) return;
    await this.host.delete(this.state.id, this.urn, this.state.outputs);
    this.state = undefined;
  }

  private async expectDiff(args: Props, step: "update" | "replace" | "same") {
    const state = this.state;
    if (!state) throw new Error(`${this.urn} does not exist yet: use create`);
    const inputs = await this.check(args);
    const diff = await this.host.diff(state.id, this.urn, state.outputs, inputs);
    const actual =
      diff.replaces.length > 0 ? "replace" : diff.changes === "none" ? "same" : "update";
    if (actual !== step) {
      throw new Error(
        `expected ${step} of ${this.urn}, but the provider's diff means ${actual}: ${JSON.stringify(diff)}`,
      );
    }
    return { state, inputs, diff };
  }
}
