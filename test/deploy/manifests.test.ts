import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { imageMmapThreshold } from '../harness/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string): string => readFileSync(`${root}${p}`, 'utf8');

interface Container {
  ports: { containerPort: number }[];
  env: { name: string; value: string }[];
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean };
}
interface Deployment {
  spec: {
    template: {
      spec: { securityContext: { runAsNonRoot: boolean; runAsUser: number }; containers: Container[] };
    };
  };
}

const yamlOf = <T>(p: string): T => parseAllDocuments(read(p))[0]?.toJS() as T;

describe('deploy/kubernetes and the Dockerfile agree with the gateway', () => {
  it('the ConfigMap holds a config the gateway accepts', () => {
    const cm = yamlOf<{ data: Record<string, string> }>('deploy/kubernetes/configmap.yaml');
    const text = cm.data['parallax.yaml'] ?? '';
    const cfg = parseConfig(text, {
      GRAFANA_TOKEN_SHA256: 'a'.repeat(64),
      RUNBOOK_TOKEN_SHA256: 'b'.repeat(64),
      ES_API_KEY: 'k',
    });
    expect(cfg.envs.map((e) => e.name)).toEqual(['kr-vm', 'kr-k8s']);
    expect(cfg.server.shutdownDelay).toBe(5000);
    expect(cfg.access?.tokens.map((t) => t.name)).toEqual(['grafana', 'runbooks']);
  });

  it('probes /healthz and /readyz on the port the gateway listens on, non-root, read-only root fs', () => {
    const d = yamlOf<Deployment>('deploy/kubernetes/deployment.yaml');
    const pod = d.spec.template.spec;
    const c = pod.containers[0] as Container;
    const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
    expect(env.PARALLAX_HOST).toBe('0.0.0.0');
    expect(c.ports[0]?.containerPort).toBe(Number(env.PARALLAX_PORT));
    expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });

  it('the image listens on 0.0.0.0 and its healthcheck reads the same PARALLAX_PORT the gateway reads', () => {
    const docker = read('Dockerfile');
    expect(docker).toMatch(/ENV .*PARALLAX_HOST=0\.0\.0\.0/);
    const port = /PARALLAX_PORT=(\d+)/.exec(docker)?.[1];
    expect(docker).toContain(`EXPOSE ${port}`);
    expect(docker).toMatch(/HEALTHCHECK[\s\S]*process\.env\.PARALLAX_PORT[\s\S]*\/healthz/);
    expect(read('src/config/listen.ts')).toContain('env.PARALLAX_PORT');
    expect(docker).toMatch(/^USER [1-9]\d*:\d+$/m);
  });

  it('`npm start` runs the gateway with the same glibc mmap threshold as the image (README, Operations: memory)', () => {
    const threshold = imageMmapThreshold();
    const scripts = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts;
    expect(scripts.start).toContain(`MALLOC_MMAP_THRESHOLD_=${threshold} `);
  });
});
