/**
 * Flags connected through shared proposals form one cluster, the unit that goes on a forum agenda: A~B and B~C put
 * A, B and C together even when A and C were never compared. Union-find; a cluster's id is its smallest proposal id,
 * so the id does not depend on the order flags arrive in and only changes when clusters merge.
 */

export interface ClusterGroup {
  /** The smallest proposal id of the cluster. */
  id: string;
  /** Proposal ids, sorted. */
  members: string[];
}

/** Union-find over proposal ids, smallest id as the representative. */
export class ProposalClusters {
  readonly #parent = new Map<string, string>();

  /** Adds a proposal (alone in its cluster) if it is not known yet. */
  add(id: string): void {
    if (!this.#parent.has(id)) this.#parent.set(id, id);
  }

  /** The cluster id (smallest member id) of a proposal. */
  find(id: string): string {
    this.add(id);
    let root = id;
    while (this.#parent.get(root) !== root) root = this.#parent.get(root) ?? root;
    // Path compression: later finds are O(1).
    let node = id;
    while (node !== root) {
      const next = this.#parent.get(node) ?? root;
      this.#parent.set(node, root);
      node = next;
    }
    return root;
  }

  /** Joins the clusters of two flagged proposals; returns the resulting cluster id. */
  union(a: string, b: string): string {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return rootA;
    const [small, large] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
    this.#parent.set(large, small);
    return small;
  }

  /** Every cluster with at least two members, by id. */
  groups(): ClusterGroup[] {
    const byRoot = new Map<string, string[]>();
    for (const id of this.#parent.keys()) {
      const root = this.find(id);
      const members = byRoot.get(root) ?? [];
      members.push(id);
      byRoot.set(root, members);
    }
    return [...byRoot]
      .filter(([, members]) => members.length > 1)
      .map(([id, members]) => ({ id, members: members.sort() }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
}

/** Cluster id (smallest member) of every proposal that appears in a flag. */
export function clusterIds(flags: Iterable<readonly [string, string]>): Map<string, string> {
  const clusters = new ProposalClusters();
  for (const [a, b] of flags) clusters.union(a, b);
  const ids = new Map<string, string>();
  for (const group of clusters.groups()) for (const member of group.members) ids.set(member, group.id);
  return ids;
}

/** The clusters formed by a set of flags, each with its id and sorted members. */
export function clusterGroups(flags: Iterable<readonly [string, string]>): ClusterGroup[] {
  const clusters = new ProposalClusters();
  for (const [a, b] of flags) clusters.union(a, b);
  return clusters.groups();
}
