package main

// Reading vector files (the Go counterpart of the TS executors' conformance/lib).

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

type obj = map[string]any

// loadSuite reads dir/<suite>_test.json with the kernel's parser: the vectors hold lone
// surrogates and 513-level payloads that encoding/json does not read as the other languages do.
// A file that cannot be read ends the executor: the runner then reports every case as missing.
func loadSuite(dir, suite string) obj {
	text, err := os.ReadFile(filepath.Join(dir, suite+"_test.json"))
	if err == nil {
		var file any
		file, err = kernel.ParseJSON(text)
		if vectors, ok := file.(obj); ok && err == nil {
			return vectors
		}
	}
	fmt.Fprintf(os.Stderr, "conformance: cannot read the %s vectors: %v\n", suite, err)
	os.Exit(2)
	return nil
}

// forEachCase calls each(group, test, "<suite>_test/<tcId>") for every test of the file.
func forEachCase(file obj, suite string, each func(g, t obj, id string)) {
	for _, g := range list(file["testGroups"]) {
		group := g.(obj)
		for _, t := range list(group["tests"]) {
			test := t.(obj)
			each(group, test, fmt.Sprintf("%s_test/%v", suite, test["tcId"]))
		}
	}
}

func list(v any) []any {
	items, _ := v.([]any)
	return items
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// decode reads a vector value into one of the kernel's typed inputs.
func decode(v any, into any) error {
	text, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(text, into)
}

// form is v's JSON form as the kernel's parser reads it, comparable with the vectors' values.
// It panics on a value that does not round-trip: an executor bug, reported as a crash.
func form(v any) any {
	text, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	parsed, err := kernel.ParseJSON(text)
	if err != nil {
		panic(err)
	}
	return parsed
}

var specialNumbers = map[string]float64{"NaN": math.NaN(), "Infinity": math.Inf(1), "-Infinity": math.Inf(-1)}

// decodeSpecial swaps the {"$float": "NaN"|"Infinity"|"-Infinity"} markers for those numbers,
// in place (conformance/README.md).
func decodeSpecial(v any) any {
	switch x := v.(type) {
	case obj:
		marker, isMarker := x["$float"].(string)
		if number, known := specialNumbers[marker]; len(x) == 1 && isMarker && known {
			return number
		}
		for k := range x {
			x[k] = decodeSpecial(x[k])
		}
	case []any:
		for i := range x {
			x[i] = decodeSpecial(x[i])
		}
	}
	return v
}
