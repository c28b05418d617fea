/** Parses script lines typed the way people type them (`kubectl …`, `fault …`) into actions. */

/** A client tool run inside a pod with `kubectl exec`. */
export type ToolCommand =
  | { tool: 'curl'; url: ParsedUrl; silent: boolean; timeoutSeconds?: number }
  | { tool: 'wget'; url: ParsedUrl; quiet: boolean; timeoutSeconds?: number }
  | { tool: 'ping'; host: string; count: number }
  | { tool: 'nslookup'; name: string };

/** A URL as curl/wget see it. */
export interface ParsedUrl {
  /** The URL as typed. */
  text: string;
  host: string;
  port: number;
  path: string;
}

/** One script action. */
export type Action =
  | { type: 'apply'; file: string; namespace?: string }
  | { type: 'create-namespace'; name: string }
  | {
      type: 'run';
      name: string;
      namespace: string;
      image: string;
      labels?: Record<string, string>;
      port?: number;
      expose: boolean;
    }
  | {
      type: 'expose';
      resource: 'pod' | 'deployment' | 'service' | 'replicaset';
      name: string;
      namespace: string;
      port?: number;
      targetPort?: number | string;
      serviceName?: string;
      serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    }
  | {
      type: 'create-service';
      serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
      name: string;
      namespace: string;
      ports: { port: number; targetPort: number }[];
      nodePort?: number;
    }
  | {
      type: 'label';
      resource: 'pod' | 'namespace';
      name: string;
      namespace: string;
      set: Record<string, string>;
      remove: string[];
      overwrite: boolean;
    }
  | {
      type: 'delete';
      resource: 'pod' | 'service' | 'networkpolicy' | 'deployment';
      name: string;
      namespace: string;
    }
  | { type: 'scale'; name: string; namespace: string; replicas: number }
  | { type: 'get'; resource: 'pods' | 'services'; namespace: string; wide: boolean; all: boolean }
  | { type: 'exec'; pod: string; namespace: string; command: ToolCommand; text: string }
  | { type: 'fault'; fault: 'cni-down' | 'cni-up' | 'dns-down' | 'dns-up'; node?: string }
  | { type: 'fault'; fault: 'drop-at'; step: number };

/** A script line that cannot be understood. */
export class CommandError extends Error {}

/** Splits a command line into words, honouring single and double quotes and backslashes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw new CommandError('unterminated quote');
  if (inWord) out.push(cur);
  return out;
}

/** Flags with their values, and positional words. */
interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

/**
 * Parses `--flag=value`, `--flag value`, `-n value`, `-c1` and boolean flags. `valued` lists the
 * flags that take a value.
 */
function parseArgs(words: string[], valued: string[], booleans: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-') && w !== '-') {
      const eq = w.indexOf('=');
      const name = eq >= 0 ? w.slice(0, eq) : w;
      if (eq >= 0) {
        if (!valued.includes(name)) throw new CommandError(`unknown flag ${name}`);
        flags.set(name, w.slice(eq + 1));
        continue;
      }
      if (valued.includes(name)) {
        const value = words[i + 1];
        if (value === undefined) throw new CommandError(`flag ${name} needs a value`);
        flags.set(name, value);
        i++;
        continue;
      }
      if (booleans.includes(name)) {
        flags.set(name, true);
        continue;
      }
      // short flag glued to its value: -c1, -n5
      const short = valued.find((f) => /^-[a-zA-Z]$/.test(f) && w.startsWith(f) && w.length > 2);
      if (short) {
        flags.set(short, w.slice(2));
        continue;
      }
      // combined booleans: -it, -qO- handled by callers
      throw new CommandError(`unknown flag ${w}`);
    } else positional.push(w);
  }
  return { positional, flags };
}

function flag(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = args.flags.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

function intFlag(
  args: ParsedArgs,
  min: number,
  max: number,
  ...names: string[]
): number | undefined {
  const v = flag(args, ...names);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new CommandError(`${names[0]} must be a number from ${min} to ${max}`);
  }
  return Number(v);
}

function labelsArg(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const m = /^([A-Za-z0-9./_-]+)=([A-Za-z0-9._-]*)$/.exec(part);
    if (!m) throw new CommandError(`bad label "${part}" (expected key=value)`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Parses a URL the way curl and wget accept it (scheme optional, default port 80). */
export function parseUrl(text: string): ParsedUrl {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?$/.exec(text);
  if (!m) throw new CommandError(`cannot parse URL "${text}"`);
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) throw new CommandError(`bad port in URL "${text}"`);
  return { text, host: m[2]!.toLowerCase(), port, path: m[4] ?? '/' };
}

const NS = ['-n', '--namespace'];

function parseTool(words: string[]): ToolCommand {
  const [tool, ...rest] = words;
  switch (tool) {
    case 'curl': {
      const args = parseArgs(
        rest,
        ['-m', '--max-time', '--connect-timeout'],
        ['-s', '--silent', '-S', '-sS', '-v', '-L', '-i'],
      );
      if (args.positional.length !== 1) throw new CommandError('curl needs exactly one URL');
      return {
        tool,
        url: parseUrl(args.positional[0]!),
        silent:
          (args.flags.has('-s') || args.flags.has('--silent')) &&
          !args.flags.has('-S') &&
          !args.flags.has('-sS'),
        timeoutSeconds: intFlag(args, 1, 3600, '-m', '--max-time', '--connect-timeout'),
      };
    }
    case 'wget': {
      const normal = rest.flatMap((w) => (w === '-qO-' ? ['-q', '-O', '-'] : [w]));
      const args = parseArgs(normal, ['-O', '-T', '--timeout'], ['-q', '--quiet']);
      if (args.positional.length !== 1) throw new CommandError('wget needs exactly one URL');
      return {
        tool,
        url: parseUrl(args.positional[0]!),
        quiet: args.flags.has('-q') || args.flags.has('--quiet'),
        timeoutSeconds: intFlag(args, 1, 3600, '-T', '--timeout'),
      };
    }
    case 'ping': {
      const args = parseArgs(rest, ['-c', '-W', '-w'], []);
      if (args.positional.length !== 1) throw new CommandError('ping needs exactly one host');
      return {
        tool,
        host: args.positional[0]!.toLowerCase(),
        count: intFlag(args, 1, 10, '-c') ?? 4,
      };
    }
    case 'nslookup': {
      if (rest.length !== 1) throw new CommandError('nslookup needs exactly one name');
      return { tool, name: rest[0]!.toLowerCase() };
    }
    default:
      throw new CommandError(
        `"${tool ?? ''}" cannot be run in the simulation (curl, wget, ping, nslookup)`,
      );
  }
}

/** Parses one script line. Throws {@link CommandError} with a readable message. */
export function parseCommand(line: string): Action {
  const words = tokenize(line.trim());
  const [head, ...rest] = words;
  if (head === 'fault') return parseFault(rest);
  if (head !== 'kubectl')
    throw new CommandError(`a script line starts with "kubectl" or "fault", not "${head ?? ''}"`);
  const [verb, ...args] = rest;
  switch (verb) {
    case 'apply': {
      const a = parseArgs(args, ['-f', '--filename', ...NS], []);
      const file = flag(a, '-f', '--filename');
      if (!file || a.positional.length > 0)
        throw new CommandError('usage: kubectl apply -f <manifest name>');
      return { type: 'apply', file, namespace: flag(a, ...NS) };
    }
    case 'create':
      return parseCreate(args);
    case 'run': {
      const dash = args.indexOf('--');
      const own = dash >= 0 ? args.slice(0, dash) : args;
      const a = parseArgs(
        own,
        ['--image', '--labels', '-l', '--port', '--restart', ...NS],
        ['--expose', '--rm', '-i', '-t', '-it', '--tty', '--stdin'],
      );
      const image = flag(a, '--image');
      if (a.positional.length !== 1 || !image)
        throw new CommandError(
          'usage: kubectl run NAME --image=IMAGE [--labels=k=v] [--port N] [--expose]',
        );
      const port = intFlag(a, 1, 65535, '--port');
      const expose = a.flags.has('--expose');
      if (expose && port === undefined) throw new CommandError('--expose needs --port');
      const labels = flag(a, '--labels', '-l');
      return {
        type: 'run',
        name: a.positional[0]!,
        namespace: flag(a, ...NS) ?? 'default',
        image,
        labels: labels ? labelsArg(labels) : undefined,
        port,
        expose,
      };
    }
    case 'expose': {
      const a = parseArgs(args, ['--port', '--target-port', '--name', '--type', ...NS], []);
      let [kind, name] = a.positional;
      if (kind?.includes('/')) [kind, name] = kind.split('/');
      const resource = (
        {
          pod: 'pod',
          po: 'pod',
          pods: 'pod',
          deployment: 'deployment',
          deploy: 'deployment',
          deployments: 'deployment',
          service: 'service',
          svc: 'service',
          replicaset: 'replicaset',
          rs: 'replicaset',
        } as const
      )[kind as 'pod'];
      if (!resource || !name)
        throw new CommandError(
          'usage: kubectl expose pod|deployment|service NAME --port=N [--target-port=N] [--type=NodePort]',
        );
      const type = flag(a, '--type') ?? 'ClusterIP';
      if (type !== 'ClusterIP' && type !== 'NodePort' && type !== 'LoadBalancer')
        throw new CommandError(`--type ${type} is not modelled`);
      const tp = flag(a, '--target-port');
      return {
        type: 'expose',
        resource,
        name,
        namespace: flag(a, ...NS) ?? 'default',
        port: intFlag(a, 1, 65535, '--port'),
        targetPort: tp === undefined ? undefined : /^\d+$/.test(tp) ? Number(tp) : tp,
        serviceName: flag(a, '--name'),
        serviceType: type,
      };
    }
    case 'label': {
      const a = parseArgs(args, NS, ['--overwrite']);
      const [kind, name, ...changes] = a.positional;
      const resource =
        kind === 'pod' || kind === 'pods' || kind === 'po'
          ? 'pod'
          : kind === 'namespace' || kind === 'ns'
            ? 'namespace'
            : undefined;
      if (!resource || !name || changes.length === 0)
        throw new CommandError('usage: kubectl label pod|namespace NAME key=value [key-]');
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const c of changes) {
        if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
        else Object.assign(set, labelsArg(c));
      }
      return {
        type: 'label',
        resource,
        name,
        namespace: flag(a, ...NS) ?? 'default',
        set,
        remove,
        overwrite: a.flags.has('--overwrite'),
      };
    }
    case 'delete': {
      const a = parseArgs(args, NS, ['--now']);
      let [kind, name] = a.positional;
      if (kind?.includes('/')) [kind, name] = kind.split('/');
      const resource = (
        {
          pod: 'pod',
          pods: 'pod',
          po: 'pod',
          service: 'service',
          svc: 'service',
          networkpolicy: 'networkpolicy',
          netpol: 'networkpolicy',
          deployment: 'deployment',
          deploy: 'deployment',
        } as const
      )[kind as 'pod'];
      if (!resource || !name)
        throw new CommandError('usage: kubectl delete pod|service|networkpolicy|deployment NAME');
      return { type: 'delete', resource, name, namespace: flag(a, ...NS) ?? 'default' };
    }
    case 'scale': {
      const a = parseArgs(args, ['--replicas', ...NS], []);
      let [kind, name] = a.positional;
      if (kind?.includes('/')) [kind, name] = kind.split('/');
      const replicas = intFlag(a, 0, 100, '--replicas');
      if ((kind !== 'deployment' && kind !== 'deploy') || !name || replicas === undefined) {
        throw new CommandError('usage: kubectl scale deployment NAME --replicas=N');
      }
      return { type: 'scale', name, namespace: flag(a, ...NS) ?? 'default', replicas };
    }
    case 'get': {
      const a = parseArgs(args, ['-o', ...NS], ['-A', '--all-namespaces']);
      const kind = a.positional[0];
      const resource =
        kind === 'pods' || kind === 'pod' || kind === 'po'
          ? 'pods'
          : kind === 'services' || kind === 'service' || kind === 'svc'
            ? 'services'
            : undefined;
      if (!resource || a.positional.length !== 1)
        throw new CommandError('usage: kubectl get pods|services [-o wide] [-n NS]');
      return {
        type: 'get',
        resource,
        namespace: flag(a, ...NS) ?? 'default',
        wide: flag(a, '-o') === 'wide',
        all: a.flags.has('-A') || a.flags.has('--all-namespaces'),
      };
    }
    case 'exec': {
      const dash = args.indexOf('--');
      if (dash < 0) throw new CommandError('usage: kubectl exec POD [-n NS] -- COMMAND');
      const a = parseArgs(
        args.slice(0, dash),
        [...NS, '-c', '--container'],
        ['-i', '-t', '-it', '-ti', '--stdin', '--tty'],
      );
      if (a.positional.length !== 1)
        throw new CommandError('usage: kubectl exec POD [-n NS] -- COMMAND');
      const tool = args.slice(dash + 1);
      return {
        type: 'exec',
        pod: a.positional[0]!,
        namespace: flag(a, ...NS) ?? 'default',
        command: parseTool(tool),
        text: tool.join(' '),
      };
    }
    default:
      throw new CommandError(
        `kubectl ${verb ?? ''} is not modelled (apply, create, run, expose, label, delete, scale, get, exec)`,
      );
  }
}

function parseCreate(args: string[]): Action {
  const [what, ...rest] = args;
  if (what === 'namespace' || what === 'ns') {
    if (rest.length !== 1) throw new CommandError('usage: kubectl create namespace NAME');
    return { type: 'create-namespace', name: rest[0]! };
  }
  if (what === 'service' || what === 'svc') {
    const [sub, ...more] = rest;
    const serviceType = (
      { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer' } as const
    )[sub as 'clusterip'];
    if (!serviceType)
      throw new CommandError(
        'usage: kubectl create service clusterip|nodeport|loadbalancer NAME --tcp=PORT:TARGET',
      );
    const tcp: string[] = [];
    const filtered: string[] = [];
    for (let i = 0; i < more.length; i++) {
      const w = more[i]!;
      if (w.startsWith('--tcp=')) tcp.push(w.slice(6));
      else if (w === '--tcp') tcp.push(more[++i] ?? '');
      else filtered.push(w);
    }
    const a = parseArgs(filtered, ['--node-port', ...NS], []);
    if (a.positional.length !== 1 || tcp.length === 0)
      throw new CommandError(`usage: kubectl create service ${sub} NAME --tcp=PORT:TARGET`);
    const ports = tcp
      .flatMap((t) => t.split(','))
      .map((t) => {
        const m = /^(\d+)(?::(\d+))?$/.exec(t);
        if (!m) throw new CommandError(`bad --tcp "${t}" (expected PORT:TARGET)`);
        return { port: Number(m[1]), targetPort: Number(m[2] ?? m[1]) };
      });
    return {
      type: 'create-service',
      serviceType,
      name: a.positional[0]!,
      namespace: flag(a, ...NS) ?? 'default',
      ports,
      nodePort: intFlag(a, 30000, 32767, '--node-port'),
    };
  }
  throw new CommandError('kubectl create supports namespace and service');
}

function parseFault(args: string[]): Action {
  const [fault, arg] = args;
  switch (fault) {
    case 'cni-down':
    case 'cni-up':
      if (!arg || args.length !== 2) throw new CommandError(`usage: fault ${fault} NODE`);
      return { type: 'fault', fault, node: arg };
    case 'dns-down':
    case 'dns-up':
      if (args.length !== 1) throw new CommandError(`usage: fault ${fault}`);
      return { type: 'fault', fault };
    case 'drop-at':
      if (!arg || !/^\d+$/.test(arg) || Number(arg) < 1 || args.length !== 2)
        throw new CommandError(
          'usage: fault drop-at STEP (a summary step number of the next exec)',
        );
      return { type: 'fault', fault, step: Number(arg) };
    default:
      throw new CommandError(
        `unknown fault "${fault ?? ''}" (cni-down NODE, cni-up NODE, dns-down, dns-up, drop-at STEP)`,
      );
  }
}
