module ember.local/telemetryio

go 1.19

// aws-sdk-go-v2 as Debian ships it (golang-github-aws-aws-sdk-go-v2-dev: one module, every service),
// since the Go module proxy is out of reach here; on a machine with the proxy, drop the replace lines.
require (
	github.com/aws/aws-sdk-go-v2 v1.17.1
	github.com/aws/smithy-go v1.13.4
)

require github.com/jmespath/go-jmespath v0.4.0 // indirect

replace (
	github.com/aws/aws-sdk-go-v2 => /usr/share/gocode/src/github.com/aws/aws-sdk-go-v2
	github.com/aws/smithy-go => /usr/share/gocode/src/github.com/aws/smithy-go
	github.com/google/go-cmp => /usr/share/gocode/src/github.com/google/go-cmp
	github.com/jmespath/go-jmespath => /usr/share/gocode/src/github.com/jmespath/go-jmespath
)
