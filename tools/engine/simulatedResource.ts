/**
 * A small stand-in for the Pulumi engine's step logic over one dynamic resource: what `pulumi up`,
 * `preview`, `refresh` and `destroy` ask the provider host, in the order the engine asks it.
 * Every call goes through the real dynamic-provider host (see providerHost.ts).
 */
import {
  CheckFailure,
  DiffResult,
  HostCallError,
  ProviderHost,
  Props,
  urnOf,
} from "../../test/support/providerHost";

export type Step = "create" | "update" | "replace" | "same";

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

export class SimulatedResource {
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

  async up(args: Props): Promise<Step> {
    const inputs = await this.check(args);
    if (!this.state) {
      const created = await this.host.create(this.urn, inputs).catch((error: unknown) => {
        // A partial create is recorded in state, as the engine does, so destroy can remove it.
        if (error instanceof HostCallError && error.partial) {
          this.state = { id: error.partial.id, inputs, outputs: error.partial.properties };
        }
        throw error;
      });
      this.state = { id: created.id, inputs, outputs: created.properties };
      return "create";
    }
    const diff = await this.host.diff(this.state.id, this.urn, this.state.outputs, inputs);
    if (diff.replaces.length > 0) {
      await this.replace(inputs, diff.deleteBeforeReplace);
      return "replace";
    }
    if (diff.changes === "none") {
      this.state = { ...this.state, inputs };
      return "same";
    }
    const outputs = await this.host.update(this.state.id, this.urn, this.state.outputs, inputs);
    this.state = { id: this.state.id, inputs, outputs };
    return "update";
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

  async destroy(): Promise<void> {
    if (!this.state) return;
    await this.host.delete(this.state.id, this.urn, this.state.outputs);
    this.state = undefined;
  }

  private async replace(inputs: Props, deleteFirst: boolean): Promise<void> {
    const old = this.state!;
    if (deleteFirst) await this.host.delete(old.id, this.urn, old.outputs);
    const created = await this.host.create(this.urn, inputs);
    if (!deleteFirst) await this.host.delete(old.id, this.urn, old.outputs);
    this.state = { id: created.id, inputs, outputs: created.properties };
  }
}
