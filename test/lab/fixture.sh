#!/usr/bin/env bash
# Creates (or re-applies) the app fixture in a running lab:
#   kotsadm  admin namespace, everything labelled kots.io/backup=velero
#   harness  the app: labelled kots.io/app-slug=harness + kots.io/backup=velero
#            (ConfigMaps, Secret, Services, Deployments, Widgets of the CRD
#            widgets.example.com), plus unlabelled objects a partial restore
#            must leave alone (ConfigMap/Secret "*-unlabelled")
#   bystander an unlabelled namespace with a ConfigMap
# Deployments never get pods (the lab has no nodes). Idempotent (kubectl apply).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export KUBECONFIG=$LAB_DIR/kubeconfig
[[ -f $KUBECONFIG ]] || die "no lab in $LAB_DIR: run test/lab/up.sh first"
k() { "$KUBECTL_BIN" "$@"; }

ADMIN='kots.io/backup: velero'
APP='kots.io/app-slug: harness, kots.io/backup: velero'

# deploy NS NAME LABELS: a Deployment + ClusterIP Service pair.
deploy() {
  cat <<EOF
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: $2, namespace: $1, labels: {$3, app: $2}}
spec:
  replicas: 1
  selector: {matchLabels: {app: $2}}
  template:
    metadata: {labels: {$3, app: $2}}
    spec:
      containers: [{name: main, image: "registry.invalid/$2:1.0", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: $2, namespace: $1, labels: {$3, app: $2}}
spec:
  type: ClusterIP
  selector: {app: $2}
  ports: [{port: 80, targetPort: 8080}]
EOF
}

k apply -f - >/dev/null <<EOF
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com, labels: {$APP}}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              color: {type: string}
EOF
k wait --for condition=established --timeout 60s crd/widgets.example.com >/dev/null

{
  cat <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: kotsadm, labels: {$ADMIN}}
---
apiVersion: v1
kind: Namespace
metadata: {name: harness, labels: {$APP}}
---
apiVersion: v1
kind: Namespace
metadata: {name: bystander}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kotsadm-config, namespace: kotsadm, labels: {$ADMIN}}
data: {appSlug: harness, appNamespaces: harness}
---
apiVersion: v1
kind: Secret
metadata: {name: kotsadm-password, namespace: kotsadm, labels: {$ADMIN}}
stringData: {passwordBcrypt: not-a-real-hash}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: harness-config, namespace: harness, labels: {$APP}}
data: {greeting: hello, replicas: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: harness-settings, namespace: harness, labels: {$APP}}
data: {theme: dark, featureX: "on"}
---
apiVersion: v1
kind: Secret
metadata: {name: harness-db, namespace: harness, labels: {$APP}}
stringData: {username: harness, password: s3cr3t}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: widget-a, namespace: harness, labels: {$APP}}
spec: {size: 1, color: red}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: widget-b, namespace: harness, labels: {$APP}}
spec: {size: 2, color: blue}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: harness-unlabelled, namespace: harness}
data: {note: "not part of the app; partial restores must not touch it"}
---
apiVersion: v1
kind: Secret
metadata: {name: harness-unlabelled, namespace: harness}
stringData: {token: keep-me}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: bystander-config, namespace: bystander}
data: {note: "outside every snapshot"}
EOF
  deploy kotsadm kotsadm "$ADMIN"
  deploy harness harness-web "$APP"
  deploy harness harness-api "$APP"
} | k apply -f - >/dev/null
log "fixture ready: namespaces kotsadm, harness, bystander; CRD widgets.example.com"
