/**
 * The engine's event stream of one CLI operation (the Automation API's `onEvent`): the steps it
 * planned or took for each resource, and the stack outputs it reported.
 */
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";

/** What the engine sends for a value not known yet (preview): sdk/go/common/resource/plugin. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Step {
  op: OpType;
  type: string;
  /** The resource's name, the last part of its URN. */
  name: string;
}

export class EngineEvents {
  readonly events: EngineEvent[] = [];

  /** Pass as `onEvent`. */
  readonly record = (event: EngineEvent): void => {
    this.events.push(event);
  };

  /** Every step announced (`resourcePreEvent`), as "op type name", sorted. */
  steps(): string[] {
    return this.events
      .flatMap((event) => (event.resourcePreEvent ? [event.resourcePreEvent.metadata] : []))
      .map((step) => `${step.op} ${step.type} ${step.urn.slice(step.urn.lastIndexOf("::") + 2)}`)
      .sort();
  }

  /** The stack outputs of the last report of the Stack resource's outputs. */
  stackOutputs(): Record<string, unknown> | undefined {
    const reports = this.events.flatMap((event) =>
      event.resOutputsEvent?.metadata.type === "pulumi:pulumi:Stack"
        ? [event.resOutputsEvent.metadata.new?.outputs]
        : [],
    );
    return reports[reports.length - 1];
  }

  /** Warnings and errors the engine reported (debug and info lines left out). */
  problems(): string[] {
    return this.events.flatMap((event) =>
      event.diagnosticEvent &&
      (event.diagnosticEvent.severity === "warning" || event.diagnosticEvent.severity === "error")
        ? [`${event.diagnosticEvent.severity}: ${event.diagnosticEvent.message.trim()}`]
        : [],
    );
  }
}
