//go:build tools

// Package tools pins the Velero command built by test/lab/build.sh.
package tools

import _ "github.com/vmware-tanzu/velero/cmd/velero"
