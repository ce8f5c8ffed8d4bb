#!/usr/bin/env bash
# Builds the lab's pinned components from the Go module proxy, one at a time.
# Binaries are keyed by version under $LAB_CACHE/bin; an existing one is kept,
# so a warm machine builds nothing. Go's module and build caches live there too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export GOMODCACHE=$LAB_CACHE/gomod GOCACHE=$LAB_CACHE/gocache
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false
command -v go >/dev/null || PATH=$PATH:/usr/local/go/bin
command -v go >/dev/null || die "go not found on PATH"
mkdir -p "$BIN" "$PLUGIN_DIR" "$LAB_CACHE/tmp"

# build NAME OUT FUNC: run FUNC (which writes $TMPOUT) unless OUT exists.
build() {
  local name=$1 out=$2 start=$SECONDS
  if [[ -x $out ]]; then log "$name: cached ($out)"; return; fi
  log "$name: building -> $out"
  TMPOUT=$LAB_CACHE/tmp/$(basename "$out").$$
  "$3" || die "$name: build failed"
  mv -f "$TMPOUT" "$out"
  log "$name: built in $((SECONDS - start))s"
}

# gobuild MODULE_DIR LDFLAGS PKG: build PKG from a wrapper module in go/.
gobuild() {
  (cd "$LAB_SRC/go/$1" && go build -p 2 -trimpath -ldflags="-s -w $2" -o "$TMPOUT" "$3")
}
# goinstall PKG@VERSION LDFLAGS: `go install` into a scratch GOBIN.
goinstall() {
  local gobin; gobin=$(mktemp -d "$LAB_CACHE/tmp/gobin.XXXX")
  GOBIN=$gobin go install -p 2 -trimpath -ldflags="-s -w $2" "$1"
  mv -f "$gobin"/* "$TMPOUT" && rmdir "$gobin"
}

KUBE_X=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  minor=${KUBE_VERSION#v1.}; minor=${minor%%.*}
  KUBE_X+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
done
# controller-runtime's own metrics server would bind :8080 (no flag for it), so
# two labs could not run at once: its default address becomes "0" (disabled).
# Velero's metrics stay on --metrics-address.
VELERO_X="-X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=$VELERO_VERSION"
VELERO_X+=" -X sigs.k8s.io/controller-runtime/pkg/metrics/server.DefaultBindAddress=0"

b_etcd()      { gobuild etcd "" .; }
b_apiserver() { gobuild kube "$KUBE_X" k8s.io/kubernetes/cmd/kube-apiserver; }
b_kcm()       { gobuild kube "$KUBE_X" k8s.io/kubernetes/cmd/kube-controller-manager; }
b_kubectl()   { gobuild kube "$KUBE_X" k8s.io/kubernetes/cmd/kubectl; }
b_velero()    { gobuild velero "$VELERO_X" github.com/vmware-tanzu/velero/cmd/velero; }
b_plugin()    { goinstall "github.com/vmware-tanzu/velero-plugin-for-aws/velero-plugin-for-aws@$AWS_PLUGIN_VERSION" ""; }
b_versitygw() { goinstall "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" "-X main.Version=$VERSITYGW_VERSION"; }

total=$SECONDS
log "cache: $LAB_CACHE; $(go version)"
build "etcd $ETCD_VERSION"                      "$ETCD_BIN"      b_etcd
build "versitygw $VERSITYGW_VERSION"            "$VERSITYGW_BIN" b_versitygw
build "velero $VELERO_VERSION"                  "$VELERO_BIN"    b_velero
build "velero-plugin-for-aws $AWS_PLUGIN_VERSION" "$AWS_PLUGIN_BIN" b_plugin
build "kube-apiserver $KUBE_VERSION"            "$APISERVER_BIN" b_apiserver
build "kube-controller-manager $KUBE_VERSION"   "$KCM_BIN"       b_kcm
build "kubectl $KUBE_VERSION"                   "$KUBECTL_BIN"   b_kubectl
rm -rf "$LAB_CACHE/tmp"
log "all components ready in $((SECONDS - total))s"
