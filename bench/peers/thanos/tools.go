//go:build tools

// Package tools pins Thanos Query, the peer the Prometheus bench compares Parallax with.
package tools

import _ "github.com/thanos-io/thanos/cmd/thanos"
