{{/*
Expand the name of the chart.
*/}}
{{- define "cara-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "cara-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "cara-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "cara-platform.labels" -}}
helm.sh/chart: {{ include "cara-platform.chart" . }}
{{ include "cara-platform.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cara-platform
{{- end }}

{{/*
Selector labels
*/}}
{{- define "cara-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cara-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of the web pods. The component label keeps the Service and the
Deployment from selecting the migration job's pod.
*/}}
{{- define "cara-platform.webSelectorLabels" -}}
{{ include "cara-platform.selectorLabels" . }}
app.kubernetes.io/component: web
{{- end }}

{{/*
Container image reference, shared by the web host and the migration job.
*/}}
{{- define "cara-platform.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{/*
Name of the tenants ConfigMap mounted by the web pods (a normal release resource).
*/}}
{{- define "cara-platform.tenantsConfigMapName" -}}
{{- printf "%s-tenants" (include "cara-platform.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Name of the hook copy of the tenants ConfigMap mounted by the migration job.
*/}}
{{- define "cara-platform.tenantsHookConfigMapName" -}}
{{- printf "%s-tenants-migrate" (include "cara-platform.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The tenants ConfigMap's data: one key per tenants/*.json file (the tenant
definitions and tenant.schema.json). helm/cara-platform/tenants is a symlink to
the repository's tenants/ folder, which Helm 3 follows when loading the chart.
Both ConfigMaps and the pods' checksum annotation use this one definition.
*/}}
{{- define "cara-platform.tenantsData" -}}
{{- $files := .Files.Glob "tenants/*.json" }}
{{- range $path, $_ := $files }}
{{ base $path }}: |-
{{ $.Files.Get $path | trim | indent 2 }}
{{- end }}
{{- end }}

{{/*
Environment shared by the web host and the migration job.
*/}}
{{- define "cara-platform.commonEnv" -}}
- name: ASPNETCORE_ENVIRONMENT
  value: {{ .Values.environment | quote }}
- name: Cara__TenantsPath
  value: {{ .Values.tenants.mountPath | quote }}
{{- with .Values.tenancy.hostTemplate }}
- name: Tenancy__HostTemplate
  value: {{ . | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The address people reach the service at: publicUrl, else https://<ingress.host>/.
*/}}
{{- define "cara-platform.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl }}
{{- else }}
{{- printf "https://%s/" (required "publicUrl or ingress.host is required" .Values.ingress.host) }}
{{- end }}
{{- end }}

{{/*
The host of publicUrl. The probes send it as their Host header: the web host
refuses hosts not in AllowedHosts, such as the pod address the kubelet sends.
*/}}
{{- define "cara-platform.publicHost" -}}
{{- (urlParse (include "cara-platform.publicUrl" .)).host }}
{{- end }}

{{/*
AllowedHosts: allowedHosts, else the host of publicUrl, ingress.host and the
wildcard host when enabled.
*/}}
{{- define "cara-platform.allowedHosts" -}}
{{- if .Values.allowedHosts }}
{{- join ";" .Values.allowedHosts }}
{{- else }}
{{- $hosts := list (urlParse (include "cara-platform.publicUrl" .)).hostname }}
{{- with .Values.ingress.host }}{{ $hosts = append $hosts . }}{{ end }}
{{- if .Values.ingress.wildcardHost.enabled }}{{ $hosts = append $hosts .Values.ingress.wildcardHost.host }}{{ end }}
{{- join ";" (uniq $hosts) }}
{{- end }}
{{- end }}

{{/*
The claim holding the course materials: materials.fileSystem.existingClaim, else the chart's own.
*/}}
{{- define "cara-platform.materialsClaimName" -}}
{{- .Values.materials.fileSystem.existingClaim | default (printf "%s-materials" (include "cara-platform.fullname" .) | trunc 63 | trimSuffix "-") }}
{{- end }}

{{/*
Where the web host keeps course materials (the Materials section): a mounted volume or an S3 bucket.
*/}}
{{- define "cara-platform.materialsEnv" -}}
{{- $materials := .Values.materials }}
- name: Materials__Store
  value: {{ $materials.store | quote }}
- name: Materials__MaxUploadBytes
  value: {{ $materials.maxUploadBytes | quote }}
- name: Materials__StagingPath
  value: /var/cache/cara/materials-staging
{{- if eq $materials.store "FileSystem" }}
- name: Materials__FileSystem__Root
  value: {{ $materials.fileSystem.mountPath | quote }}
{{- else if eq $materials.store "S3" }}
{{- with $materials.s3.serviceUrl }}
- name: Materials__S3__ServiceUrl
  value: {{ . | quote }}
{{- end }}
- name: Materials__S3__Bucket
  value: {{ required "materials.s3.bucket is required when materials.store is S3" $materials.s3.bucket | quote }}
- name: Materials__S3__Region
  value: {{ $materials.s3.region | quote }}
- name: Materials__S3__ForcePathStyle
  value: {{ $materials.s3.forcePathStyle | quote }}
{{- with $materials.s3.existingSecret }}
- name: Materials__S3__AccessKey
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ $materials.s3.accessKeyKey | quote }}
- name: Materials__S3__SecretKey
  valueFrom:
    secretKeyRef:
      name: {{ . | quote }}
      key: {{ $materials.s3.secretKeyKey | quote }}
{{- end }}
{{- else }}
{{- fail (printf "materials.store must be FileSystem or S3, not %q" $materials.store) }}
{{- end }}
{{- end }}
