import { BlockList, isIPv4 } from 'node:net';
import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';

/** A pod as network policies see it: its labels and its namespace. */
export interface PodRef {
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

/** Something a connection can go to or come from: a pod, or an address outside the cluster. */
export type Endpoint = { pod: PodRef } | { ip: string };

/** One connection: TCP unless said otherwise. */
export interface Connection {
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol?: 'TCP' | 'UDP';
}

/**
 * The NetworkPolicy semantics of the Kubernetes documentation, enough to ask "may A reach B on this
 * port": a pod selected by any policy of a direction is isolated in that direction, and then only
 * what some rule of those policies allows gets through; a connection needs the sender's egress and
 * the receiver's ingress. Namespaces carry their `kubernetes.io/metadata.name` label.
 */
export class NetworkPolicies {
  constructor(private readonly policies: ReadonlyArray<INetworkPolicy & { metadata: { namespace?: string } }>) {}

  allows(connection: Connection): boolean {
    const protocol = connection.protocol ?? 'TCP';
    const egressOk = 'pod' in connection.from ? this.direction(connection.from.pod, 'Egress', connection.to, connection.port, protocol) : true;
    const ingressOk = 'pod' in connection.to ? this.direction(connection.to.pod, 'Ingress', connection.from, connection.port, protocol) : true;
    return egressOk && ingressOk;
  }

  private direction(pod: PodRef, type: 'Ingress' | 'Egress', other: Endpoint, port: number, protocol: string): boolean {
    const applying = this.policies.filter((p) => (p.metadata.namespace ?? 'default') === pod.namespace && selects(p.spec?.podSelector, pod.labels) && typesOf(p).includes(type));
    if (applying.length === 0) return true;
    return applying.some((policy) => {
      const rules = type === 'Ingress' ? (policy.spec?.ingress ?? []) : (policy.spec?.egress ?? []);
      return rules.some((rule) => {
        const peers = type === 'Ingress' ? (rule as { from?: INetworkPolicyPeer[] }).from : (rule as { to?: INetworkPolicyPeer[] }).to;
        const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, other, policy.metadata.namespace ?? 'default'));
        return peerOk && portMatches(rule.ports, port, protocol);
      });
    });
  }
}

/** `policyTypes` as the API server defaults it: Ingress always, Egress when egress rules exist. */
function typesOf(policy: INetworkPolicy): string[] {
  return policy.spec?.policyTypes ?? ['Ingress', ...(policy.spec?.egress ? ['Egress'] : [])];
}

export function selects(selector: ILabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return value !== undefined && (e.values ?? []).includes(value);
      case 'NotIn':
        return value === undefined || !(e.values ?? []).includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

function peerMatches(peer: INetworkPolicyPeer, other: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (!('ip' in other)) return false;
    const inside = new BlockList();
    const [network, prefix] = peer.ipBlock.cidr.split('/');
    inside.addSubnet(network!, Number(prefix), isIPv4(network!) ? 'ipv4' : 'ipv6');
    const excluded = (peer.ipBlock.except ?? []).some((cidr) => {
      const list = new BlockList();
      const [n, p] = cidr.split('/');
      list.addSubnet(n!, Number(p), isIPv4(n!) ? 'ipv4' : 'ipv6');
      return list.check(other.ip, isIPv4(other.ip) ? 'ipv4' : 'ipv6');
    });
    return inside.check(other.ip, isIPv4(other.ip) ? 'ipv4' : 'ipv6') && !excluded;
  }
  if (!('pod' in other)) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': other.pod.namespace }) : other.pod.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, other.pod.labels);
}

function portMatches(ports: ReadonlyArray<INetworkPolicyPort> | undefined, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') throw new Error('named ports are not modelled here');
    return p.endPort === undefined ? p.port === port : port >= p.port && port <= p.endPort;
  });
}
