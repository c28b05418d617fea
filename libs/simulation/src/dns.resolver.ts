/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it, and the pod's stub resolver
 * (`/etc/resolv.conf`: `search <ns>.svc.<domain> svc.<domain> <domain>`, `options ndots:5`).
 */
import type { Cluster } from './cluster.model.js';
import { parseIPv4 } from './ipv4.util.js';

/** The pod resolver's `ndots` option as kubelet writes it. */
export const NDOTS = 5;

/** One answer from CoreDNS. */
export interface DnsAnswer {
  /** Fully qualified name asked, with the trailing dot. */
  name: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  addresses: string[];
  /** What the record is, for the trace's wording. */
  record?: 'service' | 'headless' | 'pod' | 'hostname';
  /** Why, in one sentence. */
  why: string;
}

/** The search list a pod in `namespace` gets. */
export function searchList(namespace: string, domain: string): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/**
 * The names the stub resolver asks, in order: with fewer than `ndots` dots the search domains
 * come first and the name as typed last; with `ndots` or more (or a trailing dot) it is asked first.
 */
export function queryCandidates(name: string, namespace: string, domain: string): string[] {
  if (name.endsWith('.')) return [name];
  const dots = name.split('.').length - 1;
  const searched = searchList(namespace, domain).map((s) => `${name}.${s}.`);
  return dots >= NDOTS ? [`${name}.`, ...searched] : [...searched, `${name}.`];
}

/** True if `text` is a literal IPv4 address (no DNS needed). */
export function isIPLiteral(text: string): boolean {
  return parseIPv4(text) !== undefined;
}

/** Answers one fully qualified A query the way CoreDNS's kubernetes plugin does. */
export function answerQuery(cluster: Cluster, fqdn: string): DnsAnswer {
  const domain = cluster.spec.domain;
  const name = fqdn.endsWith('.') ? fqdn : `${fqdn}.`;
  const bare = name.slice(0, -1);
  const nx = (why: string): DnsAnswer => ({ name, rcode: 'NXDOMAIN', addresses: [], why });
  if (!bare.endsWith(`.${domain}`)) {
    return nx(
      `${bare} is outside ${domain}; CoreDNS forwards it upstream, and the simulated cluster has no outside world`,
    );
  }
  const labels = bare.slice(0, -(domain.length + 1)).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'svc' && labels.length === 3) {
    const [svcName, ns] = labels as [string, string];
    const svc = cluster.service(ns, svcName);
    if (!svc) return nx(`no Service "${svcName}" in namespace "${ns}"`);
    if (svc.clusterIP === 'None') {
      const ips = cluster.podsOf(svc).map((p) => p.ip);
      if (ips.length === 0) return nx(`headless Service "${svcName}" has no ready endpoints`);
      return {
        name,
        rcode: 'NOERROR',
        addresses: ips,
        record: 'headless',
        why: `headless Service ${ns}/${svcName}: one A record per ready pod`,
      };
    }
    return {
      name,
      rcode: 'NOERROR',
      addresses: [svc.clusterIP],
      record: 'service',
      why: `Service ${ns}/${svcName} has ClusterIP ${svc.clusterIP}`,
    };
  }
  if (kind === 'svc' && labels.length === 4) {
    const [host, svcName, ns] = labels as [string, string, string];
    const svc = cluster.service(ns, svcName);
    const pod =
      svc && svc.clusterIP === 'None'
        ? cluster.podsOf(svc).find((p) => p.spec.hostname === host && p.spec.subdomain === svcName)
        : undefined;
    if (!pod)
      return nx(
        `no pod with hostname "${host}" and subdomain "${svcName}" behind a headless Service in "${ns}"`,
      );
    return {
      name,
      rcode: 'NOERROR',
      addresses: [pod.ip],
      record: 'hostname',
      why: `pod ${pod.name} sets hostname ${host} and subdomain ${svcName}`,
    };
  }
  if (kind === 'pod' && labels.length === 3) {
    const [dashed, ns] = labels as [string, string];
    const ip = /^\d+-\d+-\d+-\d+$/.test(dashed) ? dashed.replaceAll('-', '.') : '';
    if (cluster.spec.podRecords === 'disabled' || parseIPv4(ip) === undefined)
      return nx(`${bare} is not a pod record CoreDNS serves`);
    if (!cluster.namespaces.has(ns)) return nx(`namespace "${ns}" does not exist`);
    if (
      cluster.spec.podRecords === 'verified' &&
      !cluster.pods.some((p) => p.ip === ip && p.namespace === ns)
    ) {
      return nx(`no pod with IP ${ip} in namespace "${ns}" (pods verified)`);
    }
    const why =
      cluster.spec.podRecords === 'insecure'
        ? `pod record: CoreDNS ("pods insecure") turns ${dashed} back into ${ip}`
        : `pod record of a pod in "${ns}" with IP ${ip}`;
    return { name, rcode: 'NOERROR', addresses: [ip], record: 'pod', why };
  }
  return nx(`${bare} matches no Service or pod record`);
}

/** The whole lookup a pod's resolver performs for `name`. */
export interface Resolution {
  answers: DnsAnswer[];
  /** The first positive answer, if any. */
  found?: DnsAnswer;
}

/** Resolves `name` from a pod in `namespace`, trying the search list as the stub resolver does. */
export function resolveName(cluster: Cluster, name: string, namespace: string): Resolution {
  const answers: DnsAnswer[] = [];
  for (const q of queryCandidates(name.toLowerCase(), namespace, cluster.spec.domain)) {
    const a = answerQuery(cluster, q);
    answers.push(a);
    if (a.rcode === 'NOERROR') return { answers, found: a };
  }
  return { answers };
}
