// Terraform's apply graph (`terraform graph -type=apply -plan=FILE`, DOT): an edge "A" -> "B" means
// that operation A waits for B. Written by terraform-with-apply-graph.mjs during an offline plan.
import path from 'node:path';

/** The stand-in for the terraform binary that also writes each plan's apply graph. */
export const TERRAFORM_WITH_APPLY_GRAPH = path.join(__dirname, 'terraform-with-apply-graph.mjs');

export class ApplyGraph {
  private readonly waitsFor = new Map<string, Set<string>>();

  constructor(dot: string) {
    for (const [, from, to] of dot.matchAll(/"\[root\] ([^"]+)" -> "\[root\] ([^"]+)"/g)) {
      (this.waitsFor.get(from!) ?? this.waitsFor.set(from!, new Set()).get(from!)!).add(to!);
    }
    if (this.waitsFor.size === 0) throw new Error('no edges in the apply graph');
  }

  /** The operation on `address` (create, update or the create of a replacement). */
  operation(address: string): string {
    if (!this.waitsFor.has(address)) throw new Error(`no operation on ${address} in the apply graph`);
    return address;
  }

  /** The deletion of the replaced (deposed) object of `address`, under create_before_destroy. */
  deposedDeletion(address: string): string {
    const found = [...this.waitsFor.keys()].filter((n) => n.startsWith(`${address} (destroy deposed `));
    if (found.length !== 1) throw new Error(`expected one deposed deletion of ${address}, found ${found.length}`);
    return found[0]!;
  }

  /** True when `later` waits, directly or not, for `earlier`. */
  runsAfter(later: string, earlier: string): boolean {
    const seen = new Set<string>();
    const stack = [later];
    while (stack.length) {
      const node = stack.pop()!;
      for (const next of this.waitsFor.get(node) ?? []) {
        if (next === earlier) return true;
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    return false;
  }
}
