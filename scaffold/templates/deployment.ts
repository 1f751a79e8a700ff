import type { Blueprint } from '../blueprint';

/**
 * `deploy/kubernetes/base/<name>.yaml`: the subgraph as every subgraph of ours is deployed — its
 * ConfigMap (port, trace name, where its system is), a Deployment of the one image running its
 * entry point with the shared and its own secrets, a Service, an autoscaler and a disruption
 * budget. The system's URL is a placeholder of the city's legacy range, like the others'.
 */
export function kubernetesManifest(b: Blueprint): string {
  const { subgraph: n, system: s } = b;
  const name = n.kebab;
  return `# The ${name} subgraph over ${b.systemTitle} (written by \`npm run subgraph:new\`). Port ${b.subgraphPort}: POST /graphql (only the
# gateway's signed credential is accepted), GET /healthz (liveness), GET /readyz (readiness; reports
# each legacy system's breaker, 503 only while draining), GET /metrics (Prometheus).
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  PORT: "${b.subgraphPort}"
  OTEL_SERVICE_NAME: ${name}
  ${s.constant}_URL: https://${s.kebab}.legacy.city.example
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/component: subgraph
spec:
  replicas: 2
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/component: subgraph
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "${b.subgraphPort}"
        prometheus.io/path: /metrics
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 1000
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${name}
      containers:
        - name: ${name}
          image: resident-graph
          command: [node, dist/subgraphs/${name}/main.js]
          ports:
            - name: http
              containerPort: ${b.subgraphPort}
          envFrom:
            - configMapRef:
                name: subgraphs-common
            - configMapRef:
                name: ${name}-config
          env:
            # Three quarters of the memory limit.
            - name: NODE_OPTIONS
              value: --max-old-space-size=384 --max-semi-space-size=16
            - name: INTERNAL_CREDENTIAL_PUBLIC_JWK
              valueFrom:
                secretKeyRef:
                  name: gateway-public-key
                  key: public-jwk
            - name: KEY_SEAL_SECRET
              valueFrom:
                secretKeyRef:
                  name: key-seal
                  key: secret
            - name: REGISTRY_SERVICE_TOKEN
              valueFrom:
                secretKeyRef:
                  name: legacy-service-tokens
                  key: registry
            - name: ${s.constant}_SERVICE_TOKEN
              valueFrom:
                secretKeyRef:
                  name: legacy-service-tokens
                  key: ${s.kebab}
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: database
                  key: url
            - name: REDIS_URL
              valueFrom:
                secretKeyRef:
                  name: redis
                  key: url
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              cpu: "1"
              memory: 512Mi
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 2
            failureThreshold: 30
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 5
            failureThreshold: 2
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
            failureThreshold: 3
          lifecycle:
            # The endpoint leaves the Service before the process stops taking connections.
            preStop:
              exec:
                command: [sleep, "5"]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
spec:
  selector:
    app.kubernetes.io/name: ${name}
  ports:
    - name: http
      port: ${b.subgraphPort}
      targetPort: http
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${name}
  minReplicas: 2
  maxReplicas: 6
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 65
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
`;
}

/** The subgraph's service in `compose.yaml`, as the other subgraphs are written there. */
export function composeService(b: Blueprint): string {
  const { subgraph: n, system: s } = b;
  return `  ${n.kebab}:
    <<: *service
    command: [node, dist/subgraphs/${n.kebab}/main.js]
    mem_limit: 512m
    environment:
      <<: *subgraph-environment
      PORT: "${b.subgraphPort}"
      ${s.constant}_URL: \${${s.constant}_URL:?the URL of ${b.systemTitle}}
      ${s.constant}_SERVICE_TOKEN: \${${s.constant}_SERVICE_TOKEN:?the token ${b.systemTitle} issued to the graph}
    depends_on: *subgraph-dependencies
`;
}
