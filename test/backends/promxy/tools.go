//go:build tools

// Package tools pins Promxy, the second peer the Prometheus bench compares Parallax with.
package tools

import _ "github.com/jacksontj/promxy/cmd/promxy"
