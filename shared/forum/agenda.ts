/**
 * A forum's agenda from the open overlap clusters and the proposals waiting for a cross-agency decision in the
 * forum's scope, ordered by the budget at stake (biggest first), each proposal counted once.
 */
export interface AgendaProposal {
  id: string;
  districtCode: string;
  estimatedCost: number;
  /** Words of the proposal, for a themed forum ("stunting"). */
  text: string;
}

export interface AgendaCluster {
  clusterId: string;
  proposals: readonly AgendaProposal[];
}

export interface ForumScope {
  kind: "kabupaten" | "districts" | "theme";
  districts?: readonly string[];
  theme?: string | null;
}

export interface AgendaEntry {
  clusterId: string;
  proposalIds: string[];
  budgetAtStake: number;
}

export function inScope(proposal: AgendaProposal, scope: ForumScope): boolean {
  if (scope.kind === "districts") return scope.districts?.includes(proposal.districtCode) ?? false;
  if (scope.kind === "theme") return !!scope.theme && proposal.text.toLowerCase().includes(scope.theme.toLowerCase());
  return true;
}

export function buildAgenda(clusters: readonly AgendaCluster[], scope: ForumScope): AgendaEntry[] {
  return clusters
    .filter((cluster) => cluster.proposals.some((p) => inScope(p, scope)))
    .map((cluster) => ({
      clusterId: cluster.clusterId,
      proposalIds: cluster.proposals.map((p) => p.id).sort(),
      budgetAtStake: cluster.proposals.reduce((sum, p) => sum + p.estimatedCost, 0),
    }))
    .sort((a, b) => b.budgetAtStake - a.budgetAtStake || a.clusterId.localeCompare(b.clusterId));
}
