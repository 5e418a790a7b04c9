/**
 * Reads the CLI's rendering of a plan with `--diff` (`pulumi preview --diff`, what users see in a
 * pull request): one block per resource, headed by its type and step, then its `[id=...]` and
 * `[urn=...]`, then its properties; lines of changed properties start with `~`, `+` or `-`.
 */

export interface ResourceBlock {
  /** The step as the CLI names it: "same", "update", "replace", "create", "delete"... */
  step: string;
  /** The resource's name (from its URN). */
  name: string;
  /** Property lines, trimmed, in order. */
  lines: string[];
}

const HEADER = /^\s*(?:[~+-]|\+-|-\+)?\s*[\w-]+:[\w/.-]*:?[\w]+: \(([\w-]+)\)$/;
const URN = /^\s*\[urn=(.*)\]$/;

/** The resource blocks of the CLI's `--diff` output, before the stack outputs; input lines only. */
export function resourceBlocks(text: string): ResourceBlock[] {
  const blocks: ResourceBlock[] = [];
  let current: ResourceBlock | undefined;
  for (const line of text.split("\n")) {
    // The stack's outputs (indented 4) and the summary end the resource blocks; a resource's own
    // outputs (`up --diff`, indented deeper) end its property lines.
    if (/^ {4}--outputs:--$/.test(line) || /^Resources:$/.test(line)) break;
    if (/^\s+--outputs:--$/.test(line)) {
      current = undefined;
      continue;
    }
    const header = HEADER.exec(line);
    if (header) {
      current = { step: header[1], name: "", lines: [] };
      blocks.push(current);
      continue;
    }
    if (!current) continue;
    const urn = URN.exec(line);
    if (urn) current.name = urn[1].slice(urn[1].lastIndexOf("::") + 2);
    else if (!/^\s*\[id=.*\]$/.test(line) && line.trim() !== "") current.lines.push(line.trim());
  }
  return blocks;
}

/** The lines of a block that mark a change (`~`, `+`, `-`), nested ones included. */
export function changedLines(block: ResourceBlock): string[] {
  return block.lines.filter((line) => /^[~+-] /.test(line));
}
