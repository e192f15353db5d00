module parallax.local/promxybuild

go 1.26.0

require github.com/jacksontj/promxy v0.0.95

// Promxy's own go.mod replaces these; a module's replace lines do not apply to its dependants, so the
// wrapper repeats them (as read from promxy's go.mod; re-check against the v0.0.95 tag once the module
// proxy serves it -- it answered 403 here).
replace (
	github.com/golang/glog => github.com/kubermatic/glog-gokit v0.0.0-20181129151237-8ab7e4c2d352
	github.com/prometheus/prometheus => github.com/jacksontj/prometheus v1.8.1-0.20211110171435-7f3ca7a64301
	k8s.io/klog => github.com/simonpasquier/klog-gokit v0.1.0
)
