# Shared by build.sh, up.sh, down.sh, fixture.sh: pinned versions and paths.
# Wrapper-module versions are read from test/lab/go/*/go.mod (the source of
# truth); the two `go install`-style components are pinned here.
LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_REPO=$(cd "$LAB_SRC/../.." && pwd)
LAB_CACHE=${LAB_CACHE:-$HOME/.cache/velero-tui-lab}
LAB_DIR=${LAB_DIR:-$LAB_REPO/.lab}
export LAB_CACHE LAB_DIR

AWS_PLUGIN_VERSION=v1.14.3
VERSITYGW_VERSION=v1.8.0

# modver DIR MODULE: the version DIR/go.mod requires for MODULE.
modver() {
  awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$LAB_SRC/go/$1/go.mod"
}
ETCD_VERSION=$(modver etcd go.etcd.io/etcd/server/v3)
KUBE_VERSION=$(modver kube k8s.io/kubernetes)
VELERO_VERSION=$(modver velero github.com/vmware-tanzu/velero)

BIN=$LAB_CACHE/bin
ETCD_BIN=$BIN/etcd-$ETCD_VERSION
APISERVER_BIN=$BIN/kube-apiserver-$KUBE_VERSION
KCM_BIN=$BIN/kube-controller-manager-$KUBE_VERSION
KUBECTL_BIN=$BIN/kubectl-$KUBE_VERSION
VELERO_BIN=$BIN/velero-$VELERO_VERSION-r2  # -rN: bump when build.sh's flags for it change
VERSITYGW_BIN=$BIN/versitygw-$VERSITYGW_VERSION
# Velero loads every executable in its plugin dir, so the plugin gets its own.
PLUGIN_DIR=$LAB_CACHE/plugins/aws-$AWS_PLUGIN_VERSION
AWS_PLUGIN_BIN=$PLUGIN_DIR/velero-plugin-for-aws

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
