//go:build tools

// Package tools pins kubeconform, the Kubernetes manifest validator CI runs on deploy/kubernetes.
package tools

import _ "github.com/yannh/kubeconform/cmd/kubeconform"
