package main

// Vector reading and result reporting shared by the suites (the Go counterpart of the TS
// executors' conformance/lib: case-result.ts, special-values.ts, vector-file.ts).

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

type obj = map[string]any

var passed, failed int

func judge(id string, want, got any) {
	line := obj{"case": id, "ok": reflect.DeepEqual(want, got)}
	if line["ok"] == true {
		passed++
	} else {
		failed, line["want"], line["got"] = failed+1, want, got
	}
	text, _ := json.Marshal(line)
	fmt.Println(string(text))
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(2)
	}
	return v
}

// form is v's JSON form as ParseJSON reads it, comparable with the vectors.
func form(v any) any { return must(kernel.ParseJSON(must(json.Marshal(v)))) }

func str(v any) string { s, _ := v.(string); return s }

// tests calls each(group, test, "suite_test/tcId") for every test of dir/suite_test.json.
func tests(dir, suite string, each func(g, t obj, id string)) {
	file := must(kernel.ParseJSON(must(os.ReadFile(filepath.Join(dir, suite+"_test.json"))))).(obj)
	for _, g := range file["testGroups"].([]any) {
		for _, t := range g.(obj)["tests"].([]any) {
			each(g.(obj), t.(obj), fmt.Sprintf("%s_test/%v", suite, t.(obj)["tcId"]))
		}
	}
}

// special swaps {"$float": "NaN"|"Infinity"|"-Infinity"} markers for those numbers (in place).
func special(v any) any {
	if x, ok := v.(obj); ok && len(x) == 1 && x["$float"] != nil {
		return map[string]float64{"NaN": math.NaN(), "Infinity": math.Inf(1), "-Infinity": math.Inf(-1)}[str(x["$float"])]
	} else if ok {
		for k := range x {
			x[k] = special(x[k])
		}
	} else if list, ok := v.([]any); ok {
		for i := range list {
			list[i] = special(list[i])
		}
	}
	return v
}
