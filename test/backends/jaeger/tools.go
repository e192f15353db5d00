//go:build tools

// Package tools pins the Jaeger v2 binary that the integration tests and the demo run.
package tools

import _ "github.com/jaegertracing/jaeger/cmd/jaeger"
