#!/usr/bin/env bash
# Starts the lab on loopback: etcd -> kube-apiserver -> kube-controller-manager
# -> versitygw (S3) -> Velero objects -> velero server, then waits until the
# BackupStorageLocation is Available. State lives in $LAB_DIR (default .lab/):
# kubeconfig, env (shell), lab.json (tests), logs/<component>.log.
# If the lab is already up this prints where and exits 0; stale state is
# cleaned first. Binaries come from build.sh (run it first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
TIMEOUT=${LAB_TIMEOUT:-120}

for b in "$ETCD_BIN" "$APISERVER_BIN" "$KCM_BIN" "$KUBECTL_BIN" "$VELERO_BIN" "$VERSITYGW_BIN" "$AWS_PLUGIN_BIN"; do
  [[ -x $b ]] || die "missing $b: run test/lab/build.sh first"
done
for t in openssl curl setsid; do command -v $t >/dev/null || die "$t not found"; done

if [[ -f $LAB_DIR/env ]] && bash "$LAB_SRC/down.sh" --check 2>/dev/null; then
  log "lab already up: source $LAB_DIR/env (run down.sh to stop it)"; exit 0
fi
if [[ -f $LAB_DIR/pids ]]; then log "cleaning stale lab in $LAB_DIR"; bash "$LAB_SRC/down.sh"; fi
# Wipe only a directory that a lab made (it has the `cache` marker) or an empty one.
if [[ -d $LAB_DIR && ! -f $LAB_DIR/cache && -n $(ls -A "$LAB_DIR") ]]; then
  die "$LAB_DIR is not empty and not a lab directory; refusing to wipe it"
fi
rm -rf "$LAB_DIR"; mkdir -p "$LAB_DIR"/{logs,pki,etcd,s3/data,s3/meta}
LAB_DIR=$(cd "$LAB_DIR" && pwd); export LAB_DIR
realpath -m "$LAB_CACHE" >"$LAB_DIR/cache"  # tells down.sh which binaries are ours
START=$SECONDS
# If anything fails from here on, stop what was started.
trap 'rc=$?; if ((rc)); then log "up failed (see $LAB_DIR/logs)"; bash "$LAB_SRC/down.sh" || true; fi' EXIT

# free_port VAR...: set each VAR to a loopback TCP port nobody listens on,
# below the ephemeral range (else an outgoing connection may take it first).
USED=" "
EPHEMERAL_LO=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
((EPHEMERAL_LO > 12000)) || EPHEMERAL_LO=32768
free_port() {
  local p v
  for v in "$@"; do
    while :; do
      p=$((10000 + RANDOM % (EPHEMERAL_LO - 10000)))
      [[ $USED == *" $p "* ]] && continue
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
      USED+="$p "; printf -v "$v" %s "$p"; break
    done
  done
}
# start NAME BIN ARGS...: run in its own session (pgid = pid), log to logs/NAME.log.
start() {
  local name=$1; shift
  setsid "$@" >"$LAB_DIR/logs/$name.log" 2>&1 </dev/null &
  echo "$name $!" >>"$LAB_DIR/pids"
  log "$name started (pid $!)"
}
# wait_for WHAT CMD...: retry CMD until it succeeds or $TIMEOUT passes.
wait_for() {
  local what=$1 t0=$SECONDS; shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS - t0 < TIMEOUT)) || die "timed out after ${TIMEOUT}s waiting for $what"
    bash "$LAB_SRC/down.sh" --check || die "a lab process died while waiting for $what"
    sleep 0.5
  done
  log "$what ready after $((SECONDS - t0))s"
}

free_port ETCD_PORT ETCD_PEER_PORT APISERVER_PORT KCM_PORT S3_PORT VELERO_METRICS_PORT
API_URL=https://127.0.0.1:$APISERVER_PORT
S3_URL=http://127.0.0.1:$S3_PORT
S3_BUCKET=velero S3_REGION=us-east-1 S3_DATA_DIR=$LAB_DIR/s3/data
S3_ACCESS_KEY=labadmin S3_SECRET_KEY=$(openssl rand -hex 16)
ADMIN_TOKEN=$(openssl rand -hex 24) KCM_TOKEN=$(openssl rand -hex 24)

# --- PKI: a CA, the apiserver's serving cert, the service-account key pair.
P=$LAB_DIR/pki
{
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=lab-ca -keyout "$P/ca.key" -out "$P/ca.crt"
  openssl req -newkey rsa:2048 -nodes -subj /CN=kube-apiserver -keyout "$P/apiserver.key" -out "$P/apiserver.csr"
  openssl x509 -req -in "$P/apiserver.csr" -CA "$P/ca.crt" -CAkey "$P/ca.key" -CAcreateserial -days 30 \
    -out "$P/apiserver.crt" -extfile <(printf 'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n')
  openssl genrsa -out "$P/sa.key" 2048
  openssl rsa -in "$P/sa.key" -pubout -out "$P/sa.pub"
} >"$LAB_DIR/logs/openssl.log" 2>&1 || die "openssl failed (logs/openssl.log)"
cat >"$P/tokens.csv" <<EOF
$ADMIN_TOKEN,lab-admin,lab-admin,"system:masters"
$KCM_TOKEN,system:kube-controller-manager,system:kube-controller-manager,"system:masters"
EOF
# kubeconfig FILE TOKEN
kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster:
    server: $API_URL
    certificate-authority-data: $(base64 -w0 <"$P/ca.crt")
users:
- name: lab-admin
  user:
    token: $2
contexts:
- name: lab
  context: {cluster: lab, user: lab-admin, namespace: default}
current-context: lab
EOF
  chmod 600 "$1"
}
kubeconfig "$LAB_DIR/kubeconfig" "$ADMIN_TOKEN"
kubeconfig "$P/kcm.kubeconfig" "$KCM_TOKEN"
export KUBECONFIG=$LAB_DIR/kubeconfig
k() { "$KUBECTL_BIN" "$@"; }

# --- etcd
start etcd "$ETCD_BIN" --name lab --data-dir "$LAB_DIR/etcd" --unsafe-no-fsync \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "lab=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn
wait_for etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

# --- kube-apiserver
start kube-apiserver "$APISERVER_BIN" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
  --secure-port "$APISERVER_PORT" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
  --tls-cert-file "$P/apiserver.crt" --tls-private-key-file "$P/apiserver.key" --client-ca-file "$P/ca.crt" \
  --token-auth-file "$P/tokens.csv" --authorization-mode RBAC \
  --service-cluster-ip-range 10.0.0.0/24 --endpoint-reconciler-type none \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$P/sa.pub" \
  --service-account-signing-key-file "$P/sa.key" --profiling=false
wait_for kube-apiserver curl -sf --cacert "$P/ca.crt" "$API_URL/readyz"

# --- kube-controller-manager (namespace deletion, garbage collection, ...)
start kube-controller-manager "$KCM_BIN" --kubeconfig "$P/kcm.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --leader-elect=false \
  --service-account-private-key-file "$P/sa.key" --root-ca-file "$P/ca.crt" \
  --cluster-signing-cert-file "$P/ca.crt" --cluster-signing-key-file "$P/ca.key" \
  --controllers '*,-nodeipam,-nodelifecycle,-cloud-node-lifecycle,-service-lb-controller,-node-route-controller,-persistentvolume-binder,-attachdetach,-persistentvolume-expander,-ephemeral-volume-controller'
wait_for kube-controller-manager curl -sfk "https://127.0.0.1:$KCM_PORT/healthz"

# --- S3: versitygw, posix backend, metadata in a sidecar dir (no xattrs needed)
ROOT_ACCESS_KEY=$S3_ACCESS_KEY ROOT_SECRET_KEY=$S3_SECRET_KEY start versitygw "$VERSITYGW_BIN" --port "127.0.0.1:$S3_PORT" \
  posix --sidecar "$LAB_DIR/s3/meta" "$S3_DATA_DIR"
# curl signs SigV4 itself, but versitygw also wants x-amz-content-sha256.
s3() { curl -sf --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"; }
wait_for versitygw s3 "$S3_URL/"
s3 -X PUT "$S3_URL/$S3_BUCKET" >/dev/null || die "could not create bucket $S3_BUCKET"

# --- Velero objects: CRDs, namespace, credentials, a 0-replica Deployment, the BSL
"$VELERO_BIN" install --crds-only --dry-run -o yaml >"$LAB_DIR/velero-crds.yaml"
k apply -f "$LAB_DIR/velero-crds.yaml" >/dev/null
k wait --for condition=established --timeout "${TIMEOUT}s" crd -l component=velero >/dev/null
printf '[default]\naws_access_key_id=%s\naws_secret_access_key=%s\n' "$S3_ACCESS_KEY" "$S3_SECRET_KEY" >"$LAB_DIR/credentials"
chmod 600 "$LAB_DIR/credentials"
k apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: velero}
---
apiVersion: v1
kind: Secret
metadata: {name: cloud-credentials, namespace: velero, labels: {component: velero}}
type: Opaque
stringData:
  cloud: |
$(sed 's/^/    /' "$LAB_DIR/credentials")
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: velero, namespace: velero, labels: {component: velero}}
spec:
  replicas: 0
  selector: {matchLabels: {name: velero}}
  template:
    metadata: {labels: {name: velero, component: velero}}
    spec:
      containers:
      - {name: velero, image: "velero/velero:$VELERO_VERSION", command: [/velero], args: [server]}
---
apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata: {name: default, namespace: velero, labels: {component: velero}}
spec:
  provider: aws
  default: true
  objectStorage: {bucket: $S3_BUCKET}
  config:
    region: $S3_REGION
    s3Url: $S3_URL
    s3ForcePathStyle: "true"
EOF

# --- the app fixture, before Velero starts: Velero reads API discovery at start
# and then only every 5 minutes, so a CRD created later is not backed up
# until that refresh. LAB_FIXTURE=0 skips it.
[[ ${LAB_FIXTURE:-1} == 0 ]] || bash "$LAB_SRC/fixture.sh"

# --- velero server, out of cluster
# TMPDIR: Velero keeps credential files and backup tarballs under os.TempDir().
mkdir -p "$LAB_DIR/tmp"
AWS_SHARED_CREDENTIALS_FILE=$LAB_DIR/credentials TMPDIR=$LAB_DIR/tmp start velero "$VELERO_BIN" server \
  --kubeconfig "$KUBECONFIG" --namespace velero --plugin-dir "$PLUGIN_DIR" \
  --metrics-address "127.0.0.1:$VELERO_METRICS_PORT" --profiler-address "" ${LAB_VELERO_ARGS:-}
bsl_available() { [[ $(k -n velero get bsl default -o 'jsonpath={.status.phase}') == Available ]]; }
wait_for "BackupStorageLocation default Available" bsl_available

# --- env, lab.json
pid() { awk -v n="$1" '$1 == n { print $2 }' "$LAB_DIR/pids"; }
VARS=(LAB_DIR KUBECONFIG API_URL ADMIN_TOKEN S3_URL S3_REGION S3_BUCKET S3_ACCESS_KEY S3_SECRET_KEY S3_DATA_DIR
  ETCD_PORT APISERVER_PORT KCM_PORT S3_PORT VELERO_METRICS_PORT
  ETCD_PID APISERVER_PID KCM_PID S3_PID VELERO_PID
  KUBECTL_BIN VELERO_BIN ETCD_BIN APISERVER_BIN KCM_BIN VERSITYGW_BIN PLUGIN_DIR
  ETCD_VERSION KUBE_VERSION VELERO_VERSION AWS_PLUGIN_VERSION VERSITYGW_VERSION)
ETCD_PID=$(pid etcd) APISERVER_PID=$(pid kube-apiserver) KCM_PID=$(pid kube-controller-manager)
S3_PID=$(pid versitygw) VELERO_PID=$(pid velero)
{
  echo "# Lab state, written by test/lab/up.sh. Source it: . $LAB_DIR/env"
  for v in "${VARS[@]}"; do printf 'export LAB_%s=%q\n' "${v#LAB_}" "${!v}"; done  # KUBECTL_BIN -> LAB_KUBECTL_BIN
  printf 'export KUBECONFIG=%q VELERO_NAMESPACE=velero\n' "$KUBECONFIG"
  printf 'export PATH=%q:"$PATH"\n' "$LAB_DIR/bin"
} >"$LAB_DIR/env"
{
  echo "{"
  for v in "${VARS[@]}"; do
    key=$(tr 'A-Z' 'a-z' <<<"$v" | sed -E 's/_(.)/\U\1/g')  # S3_URL -> s3Url
    val=${!v}; [[ $val =~ ^[0-9]+$ ]] || val="\"$val\""
    printf '  "%s": %s,\n' "$key" "$val"
  done
  echo '  "veleroNamespace": "velero",'
  if [[ ${LAB_FIXTURE:-1} == 0 ]]; then echo '  "fixture": null'
  else echo '  "fixture": {"adminNamespace": "kotsadm", "appSlug": "harness", "appNamespaces": ["harness"], "crd": "widgets.example.com"}'; fi
  echo "}"
} >"$LAB_DIR/lab.json"
# bin/: kubectl and velero by their plain names, for `. .lab/env`.
mkdir -p "$LAB_DIR/bin"; ln -sf "$KUBECTL_BIN" "$LAB_DIR/bin/kubectl"; ln -sf "$VELERO_BIN" "$LAB_DIR/bin/velero"
trap - EXIT
log "lab up in $((SECONDS - START))s: . $LAB_DIR/env  (kubeconfig $KUBECONFIG, S3 $S3_URL)"
