// deploy/kubernetes/ validated against the Kubernetes JSON schemas (kubernetes-models' compiled
// validators), strictly: a field the schema does not know (a typo) fails, as kubeconform -strict
// would. Then the numbers that must agree across files: grace period, deadlines, ports, user.
import { readdirSync, readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ROOT_DIR, dockerfileStages } from './files.js';

const DIR = `${ROOT_DIR}/deploy/kubernetes`;
const MODELS: Record<string, { prototype: { validate(): void } }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

type Json = Record<string, unknown>;

/**
 * Runs the schema's validator on a proxy that records which properties it reads. The compiled
 * validator reads every property its schema declares, so a key it never read is unknown to it.
 */
function validateStrict(doc: Json): string[] {
  const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
  const model = MODELS[key];
  if (!model) return [`no schema for ${key}`];
  const read = new Map<object, { path: string; keys: Set<string> }>();
  const track = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (!read.has(value)) read.set(value, { path, keys: new Set() });
    return new Proxy(value, {
      get(target, prop, receiver) {
        if (typeof prop === 'string') read.get(target)!.keys.add(prop);
        return track(Reflect.get(target, prop, receiver), `${path}/${String(prop)}`);
      },
    });
  };
  try {
    model.prototype.validate.call(track(doc, ''));
  } catch (err) {
    return [(err as Error).message];
  }
  const unknown: string[] = [];
  for (const [value, { path, keys }] of read) for (const k of Object.keys(value)) if (!keys.has(k)) unknown.push(`${key}: unknown field ${path}/${k}`);
  return unknown;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const docs = files.flatMap((file) => parseAllDocuments(readFileSync(`${DIR}/${file}`, 'utf8')).map((d) => ({ file, doc: d.toJS() as Json })));
const ofKind = <T>(kind: string): T => docs.find((d) => d.doc.kind === kind)!.doc as T;

interface Probe { httpGet: { path: string; port: string }; periodSeconds: number; failureThreshold: number }
interface Container { ports: { name: string; containerPort: number }[]; readinessProbe: Probe; livenessProbe: Probe; securityContext: Json; resources: { requests: Json; limits: Json } }
interface DeploymentDoc {
  metadata: { name: string };
  spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { terminationGracePeriodSeconds: number; automountServiceAccountToken: boolean; securityContext: { runAsNonRoot: boolean; runAsUser: number }; containers: Container[] } } };
}

describe('deploy/kubernetes', () => {
  it.each(docs.map((d) => [`${d.file} (${String(d.doc.kind)})`, d.doc] as const))('%s is valid against its Kubernetes schema, strictly', (_name, doc) => {
    expect(validateStrict(doc)).toEqual([]);
  });

  it('the strict check fails on a typo and on a wrong type (so the test above can fail)', () => {
    const deployment = structuredClone(ofKind<DeploymentDoc>('Deployment'));
    (deployment.spec.template.spec.containers[0]!.readinessProbe.httpGet as Json).paht = '/ready';
    expect(validateStrict(deployment as unknown as Json)).toEqual(['apps/v1/Deployment: unknown field /spec/template/spec/containers/0/readinessProbe/httpGet/paht']);
    const replicas = { ...structuredClone(ofKind<DeploymentDoc>('Deployment')), spec: { ...ofKind<DeploymentDoc>('Deployment').spec, replicas: 'two' } };
    expect(validateStrict(replicas as unknown as Json).join()).toMatch(/replicas must be integer/);
  });

  it('kustomization.yaml lists every manifest', () => {
    const kustomization = parseAllDocuments(readFileSync(`${DIR}/kustomization.yaml`, 'utf8'))[0]!.toJS() as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual([...files].sort());
  });

  const configMap = ofKind<{ data: Record<string, string> }>('ConfigMap');
  const deployment = ofKind<DeploymentDoc>('Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0]!;

  it("the ConfigMap's settings are ones the gateway accepts, with no secret among them", () => {
    const config = loadConfig(configMap.data);
    expect(config.nodeEnv).toBe('production');
    for (const name of Object.keys(configMap.data)) expect(name).not.toMatch(/SECRET|TOKEN|PASSWORD|CERTIFICATE/);
  });

  it('the grace period outlasts the drain: SHUTDOWN_DELAY_MS + REQUEST_DEADLINE_MS, and readiness notices within the delay', () => {
    const config = loadConfig(configMap.data);
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(config.shutdownDelayMs + config.requestDeadlineMs);
    expect(container.readinessProbe.periodSeconds * container.readinessProbe.failureThreshold * 1000).toBeLessThan(config.shutdownDelayMs);
  });

  it('probes /ready and /health on the port the gateway listens on and the image exposes', () => {
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    const port = container.ports.find((p) => p.name === container.readinessProbe.httpGet.port)!;
    expect(port.containerPort).toBe(Number(configMap.data.PORT));
    const runtime = dockerfileStages(DockerfileParser.parse(readFileSync(`${ROOT_DIR}/Dockerfile`, 'utf8'))).at(-1)!;
    const instruction = (k: string) => runtime.instructions.find((i) => i.getKeyword() === k)!.getArgumentsContent()!;
    expect(instruction('EXPOSE')).toBe(String(port.containerPort));
    expect(instruction('USER')).toBe(`${pod.securityContext.runAsUser}:${pod.securityContext.runAsUser}`);
  });

  it('runs locked down: non-root, read-only root filesystem, no service-account token, resources set', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(container.resources.limits).toHaveProperty('memory');
  });

  it('the Service, HPA and PDB point at the Deployment and its pods', () => {
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    const service = ofKind<{ spec: { selector: Record<string, string>; ports: { targetPort: string }[] } }>('Service');
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(service.spec.ports[0]!.targetPort).toBe('http');
    const hpa = ofKind<{ spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }>('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deployment.metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = ofKind<{ spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget');
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
  });
});
