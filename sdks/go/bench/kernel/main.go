// Command kernel measures the verification kernel's throughput on a shared corpus, so that
// bench/kernels.ts can put every language's figure side by side: ECMAScript number formatting
// (numbers/s) and signature(category, payload) over the signature vectors (documents/s).
//
//	go run ./bench/kernel -numbers numbers.txt -vectors ../../conformance/vectors/signature_test.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

type document struct {
	category string
	payload  any
}

func main() {
	numbersPath := flag.String("numbers", "", "file of doubles, one IEEE-754 bit pattern in hex a line")
	vectorsPath := flag.String("vectors", "", "signature_test.json")
	seconds := flag.Float64("seconds", 2, "measuring time per figure, after as long again of warm-up")
	flag.Parse()
	numbers := readNumbers(*numbersPath)
	docs := readDocuments(*vectorsPath)
	budget := time.Duration(*seconds * float64(time.Second))
	numbersPerSec := rate(budget, len(numbers), func() {
		for _, f := range numbers {
			if _, err := kernel.FormatNumber(f); err != nil {
				log.Fatal(err)
			}
		}
	})
	docsPerSec := rate(budget, len(docs), func() {
		for _, d := range docs {
			if _, err := kernel.Signature(d.category, d.payload); err != nil {
				log.Fatal(err)
			}
		}
	})
	out, _ := json.Marshal(map[string]any{"impl": "go", "numbersPerSec": numbersPerSec, "docsPerSec": docsPerSec, "documents": len(docs), "numbers": len(numbers)})
	fmt.Println(string(out))
}

// rate runs round (which handles n items) for budget after an equal warm-up, and returns items per second.
func rate(budget time.Duration, n int, round func()) float64 {
	for start := time.Now(); time.Since(start) < budget; {
		round()
	}
	rounds := 0
	start := time.Now()
	for time.Since(start) < budget {
		round()
		rounds++
	}
	return float64(rounds*n) / time.Since(start).Seconds()
}

func readNumbers(path string) []float64 {
	text, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var out []float64
	for _, line := range strings.Fields(string(text)) {
		bits, err := strconv.ParseUint(line, 16, 64)
		if err != nil {
			log.Fatal(err)
		}
		out = append(out, math.Float64frombits(bits))
	}
	return out
}

// readDocuments keeps the valid signature vectors: the documents every kernel signs.
func readDocuments(path string) []document {
	text, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	file, err := kernel.ParseJSON(text)
	if err != nil {
		log.Fatal(err)
	}
	var docs []document
	for _, g := range file.(map[string]any)["testGroups"].([]any) {
		for _, t := range g.(map[string]any)["tests"].([]any) {
			test := t.(map[string]any)
			if test["result"] == "valid" {
				docs = append(docs, document{test["category"].(string), test["payload"]})
			}
		}
	}
	return docs
}
