// Built in GOPATH mode against Debian's packaged Go libraries (see render.sh);
// GO111MODULE=off ignores this file for dependency resolution, but its presence
// lets GOPATH mode resolve the /v3 import paths of sprig and semver
// ("minimal module compatibility").
module cara-platform/tools/helm-render

go 1.19
