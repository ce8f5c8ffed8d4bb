#!/usr/bin/env bash
# Smoke test of a running lab with the real velero CLI: back up the harness
# namespace, check the files in the bucket, delete a ConfigMap, restore it,
# then delete the backup and check its data left the bucket.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ -f $LAB_DIR/env ]] || die "no lab in $LAB_DIR: run test/lab/up.sh first"
source "$LAB_DIR/env"
B=verify-$(date +%s) R=verify-restore-$(date +%s)
k() { "$LAB_KUBECTL_BIN" "$@"; }
v() { "$LAB_VELERO_BIN" "$@"; }
# s3ls PREFIX: object keys (the prefix must be pre-encoded for curl's SigV4).
s3ls() {
  curl -sf --aws-sigv4 "aws:amz:$LAB_S3_REGION:s3" --user "$LAB_S3_ACCESS_KEY:$LAB_S3_SECRET_KEY" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$LAB_S3_URL/$LAB_S3_BUCKET?list-type=2&prefix=${1//\//%2F}" |
    grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g'
}
phase() { k -n velero get "$1" "$2" -o 'jsonpath={.status.phase}'; }

t=$SECONDS
v backup create "$B" --include-namespaces harness --wait >/dev/null
[[ $(phase backup "$B") == Completed ]] || die "backup $B: $(phase backup "$B")"
keys=$(s3ls "backups/$B/")
grep -qx "backups/$B/$B.tar.gz" <<<"$keys" || die "backup $B: no tarball in the bucket"
files=$(tar tzf "$LAB_S3_DATA_DIR/$LAB_S3_BUCKET/backups/$B/$B.tar.gz")
grep -q 'widgets.example.com/namespaces/harness/widget-a.json' <<<"$files" ||
  die "backup $B: custom resources missing from the tarball"
log "backup $B Completed in $((SECONDS - t))s, $(wc -l <<<"$keys") objects in the bucket"

t=$SECONDS
k -n harness delete configmap harness-config >/dev/null
v restore create "$R" --from-backup "$B" --wait >/dev/null
[[ $(phase restore "$R") == Completed ]] || die "restore $R: $(phase restore "$R")"
k -n harness get configmap harness-config >/dev/null || die "restore $R did not bring harness-config back"
log "restore $R Completed in $((SECONDS - t))s, harness-config is back"

t=$SECONDS
v backup delete "$B" --confirm >/dev/null
for _ in $(seq 120); do
  [[ -z $(s3ls "backups/$B/") ]] && ! k -n velero get backup "$B" >/dev/null 2>&1 && break
  sleep 0.5
done
if [[ -n $(s3ls "backups/$B/") ]]; then
  k -n velero get deletebackuprequests -o yaml >&2 || true
  grep -i "error" "$LAB_DIR/logs/velero.log" | tail -20 >&2 || true
  die "backup $B: data still in the bucket after delete"
fi
log "backup $B deleted in $((SECONDS - t))s, bucket prefix empty"
log "verify OK"
