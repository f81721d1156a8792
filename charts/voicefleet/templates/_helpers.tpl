{{/* Labels of one component: name, part-of, the chart. */}}
{{- define "voicefleet.labels" -}}
app.kubernetes.io/name: {{ . }}
app.kubernetes.io/part-of: voicefleet
{{- end }}

{{- define "voicefleet.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The image of a service: dict "root" $ "name" "gateway" "key" "gateway". Tag, plus the digest when given. */}}
{{- define "voicefleet.image" -}}
{{- $image := .root.Values.image -}}
{{- $repo := ternary (printf "%s/%s" $image.registry $image.repository) $image.repository (ne $image.registry "") -}}
{{- $digest := index $image.digests .key -}}
{{- printf "%s/%s:%s" $repo .name $image.tag -}}{{- if $digest }}@{{ $digest }}{{ end -}}
{{- end }}

{{- define "voicefleet.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.runAsUser }}
runAsGroup: {{ .Values.runAsUser }}
fsGroup: {{ .Values.runAsUser }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "voicefleet.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}

{{/* Ports and gRPC health probes (grpc.health.v1 on the numeric gRPC port). Argument: dict "root" $ "startupFailures" N. */}}
{{- define "voicefleet.portsAndProbes" -}}
ports:
  - name: grpc
    containerPort: {{ .root.Values.ports.grpc }}
    protocol: TCP
  - name: http
    containerPort: {{ .root.Values.ports.http }}
    protocol: TCP
startupProbe:
  grpc:
    port: {{ .root.Values.ports.grpc }}
  periodSeconds: 5
  failureThreshold: {{ .startupFailures }}
readinessProbe:
  grpc:
    port: {{ .root.Values.ports.grpc }}
  periodSeconds: 5
  failureThreshold: 2
livenessProbe:
  grpc:
    port: {{ .root.Values.ports.grpc }}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* A ClusterIP Service on both ports. Argument: dict "root" $ "name" N "selector" (dict ...). */}}
{{- define "voicefleet.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ .name }}
  labels:
    {{- include "voicefleet.labels" (index .selector "app.kubernetes.io/name") | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- toYaml .selector | nindent 4 }}
  ports:
    - name: grpc
      port: {{ .root.Values.ports.grpc }}
      targetPort: grpc
      appProtocol: kubernetes.io/h2c
    - name: http
      port: {{ .root.Values.ports.http }}
      targetPort: http
      appProtocol: http
{{- end }}
