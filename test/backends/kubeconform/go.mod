module parallax/kubeconform-build

go 1.24

require github.com/yannh/kubeconform v0.7.0
