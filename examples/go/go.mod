module example.com/tracehound-example

go 1.26.0

require github.com/tracehound/tracehound/sdks/go v0.1.0

require (
	connectrpc.com/connect v1.21.1 // indirect
	google.golang.org/protobuf v1.36.12 // indirect
)

// Only inside this repository: build against the SDK next to it. Outside, drop this line and
// `go get github.com/tracehound/tracehound/sdks/go@v0.1.0` (tag sdks/go/v0.1.0).
replace github.com/tracehound/tracehound/sdks/go => ../../sdks/go
