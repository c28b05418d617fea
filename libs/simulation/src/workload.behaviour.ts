/**
 * What the containers in a pod do, as far as networking needs: which ports they listen on, what
 * init containers write into shared volumes, and what an HTTP server answers.
 */
import type { ContainerSpec, PodSpecModel } from './manifest.types.js';
import type { Protocol } from './simulation.types.js';

/** nginx's stock `index.html` (what `curl` prints from an unconfigured nginx pod). */
export const NGINX_DEFAULT_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_ROOT = '/usr/share/nginx/html';
const HTTPD_ROOT = '/usr/local/apache2/htdocs';

function errorPage(code: number, text: string): string {
  return `<html>\r\n<head><title>${code} ${text}</title></head>\r\n<body>\r\n<center><h1>${code} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Image name without registry, tag or digest: `docker.io/library/nginx:1.27` → `nginx`. */
export function imageBase(image: string): string {
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const tail = noDigest.slice(lastSlash + 1);
  const noTag = tail.split(':')[0]!;
  return lastSlash >= 0
    ? `${noDigest.slice(0, lastSlash)}/${noTag}`.replace(/^docker\.io\/(library\/)?/, '')
    : noTag;
}

function serverKind(
  c: ContainerSpec,
): 'nginx' | 'httpd' | 'http-echo' | 'coredns' | 'generic' | 'none' {
  const base = imageBase(c.image);
  const name = base.split('/').pop() ?? base;
  if (name === 'nginx' || name.startsWith('nginx-')) return 'nginx';
  if (name === 'httpd') return 'httpd';
  if (name === 'http-echo') return 'http-echo';
  if (name === 'coredns') return 'coredns';
  return c.ports.length > 0 ? 'generic' : 'none';
}

/** A listening socket in a pod. */
export interface ListeningPort {
  name?: string;
  port: number;
  protocol: Protocol;
  container: string;
}

/** Ports the pod's containers listen on: declared containerPorts plus the image's own defaults. */
export function listeningPorts(spec: PodSpecModel): ListeningPort[] {
  const out: ListeningPort[] = [];
  const add = (p: ListeningPort): void => {
    if (!out.some((o) => o.port === p.port && o.protocol === p.protocol)) out.push(p);
  };
  for (const c of spec.containers) {
    for (const p of c.ports)
      add({ name: p.name, port: p.containerPort, protocol: p.protocol, container: c.name });
    const kind = serverKind(c);
    if (kind === 'nginx' || kind === 'httpd') add({ port: 80, protocol: 'TCP', container: c.name });
    if (kind === 'http-echo') {
      const listen = [...c.args, ...c.command].find((a) => a.startsWith('-listen='));
      add({
        port: listen ? Number(listen.split(':').pop()) : 5678,
        protocol: 'TCP',
        container: c.name,
      });
    }
    if (kind === 'coredns') {
      add({ name: 'dns', port: 53, protocol: 'UDP', container: c.name });
      add({ name: 'dns-tcp', port: 53, protocol: 'TCP', container: c.name });
    }
  }
  return out;
}

/** Files written into volumes, keyed `<volume>:<path inside the volume>`. */
export type VolumeFiles = Map<string, string>;

function mountFor(c: ContainerSpec, path: string): { volume: string; rel: string } | undefined {
  const sorted = [...c.volumeMounts].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const m of sorted) {
    const mp = m.mountPath.replace(/\/$/, '');
    if (path === mp || path.startsWith(`${mp}/`))
      return { volume: m.name, rel: path.slice(mp.length) || '/' };
  }
  return undefined;
}

/**
 * Runs the init containers' `sh -c '…'` scripts far enough to know what they write:
 * `echo "text" > file` and `>>`, with `$(hostname)`, `$HOSTNAME` and `${HOSTNAME}` expanded.
 */
export function runInitContainers(spec: PodSpecModel, hostname: string): VolumeFiles {
  const files: VolumeFiles = new Map();
  for (const c of spec.initContainers) {
    const argv = [...c.command, ...c.args];
    const shIndex = argv.findIndex((a) => a === '-c');
    if (shIndex < 0 || !/(^|\/)(ba)?sh$/.test(argv[0] ?? '')) continue;
    const script = argv[shIndex + 1] ?? '';
    for (const statement of script.split(/;|&&|\n/)) {
      const m = /^\s*echo\s+(?:-n\s+)?("([^"]*)"|'([^']*)'|([^>]*?))\s*(>>?)\s*(\S+)\s*$/.exec(
        statement,
      );
      if (!m) continue;
      const raw = m[2] ?? m[3] ?? m[4] ?? '';
      const expand = m[3] === undefined;
      const text = expand
        ? raw.replace(/\$\(hostname\)|\$\{HOSTNAME\}|\$HOSTNAME/g, hostname)
        : raw;
      const target = mountFor(c, m[6]!);
      if (!target) continue;
      const key = `${target.volume}:${target.rel}`;
      const line = `${text}\n`;
      files.set(key, m[5] === '>>' ? (files.get(key) ?? '') + line : line);
    }
  }
  return files;
}

/** What the pod's server answers to `GET path` on `port`. */
export interface HttpAnswer {
  status: number;
  reason: string;
  body: string;
  server: string;
}

/** The HTTP answer of the container listening on `port`, or undefined if nothing speaks HTTP there. */
export function httpAnswer(
  spec: PodSpecModel,
  files: VolumeFiles,
  podName: string,
  port: number,
  path: string,
): HttpAnswer | undefined {
  const listener = listeningPorts(spec).find((p) => p.port === port && p.protocol === 'TCP');
  if (!listener) return undefined;
  const c = spec.containers.find((x) => x.name === listener.container)!;
  const kind = serverKind(c);
  const cleanPath = path.split('?')[0] || '/';
  if (kind === 'nginx' || kind === 'httpd') {
    const root = kind === 'nginx' ? NGINX_ROOT : HTTPD_ROOT;
    const file = cleanPath.endsWith('/') ? `${cleanPath}index.html` : cleanPath;
    const full = `${root}${file}`;
    const mount = mountFor(c, full);
    if (mount) {
      const content = files.get(`${mount.volume}:${mount.rel}`);
      if (content !== undefined) return { status: 200, reason: 'OK', body: content, server: kind };
      const isIndex = cleanPath.endsWith('/');
      return isIndex
        ? { status: 403, reason: 'Forbidden', body: errorPage(403, 'Forbidden'), server: kind }
        : { status: 404, reason: 'Not Found', body: errorPage(404, 'Not Found'), server: kind };
    }
    if (file === '/index.html') {
      const body =
        kind === 'nginx' ? NGINX_DEFAULT_PAGE : '<html><body><h1>It works!</h1></body></html>\n';
      return { status: 200, reason: 'OK', body, server: kind };
    }
    return { status: 404, reason: 'Not Found', body: errorPage(404, 'Not Found'), server: kind };
  }
  if (kind === 'http-echo') {
    const text = [...c.args, ...c.command].find((a) => a.startsWith('-text='))?.slice(6) ?? '';
    return { status: 200, reason: 'OK', body: `${text}\n`, server: kind };
  }
  if (kind === 'coredns') return undefined;
  // Any other image with a declared port is modelled as a tiny server that answers with its hostname.
  return { status: 200, reason: 'OK', body: `${podName}\n`, server: 'generic' };
}
