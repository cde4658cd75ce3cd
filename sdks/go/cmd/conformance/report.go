package main

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// reporter prints the executor's result lines and counts them for the closing tally.
type reporter struct {
	w      io.Writer
	passed int
	failed int
}

func newReporter(w io.Writer) *reporter {
	return &reporter{w: w}
}

// runCase judges one case: run returns what the vector wants and what the implementation gave.
// A panic inside run is a crash of this case (reported, never an answer), and the next case runs.
func (r *reporter) runCase(id string, run func() (want, got any)) {
	defer func() {
		if p := recover(); p != nil {
			r.print(obj{"case": id, "ok": false, "crash": fmt.Sprint("panic: ", p)})
		}
	}()
	want, got := run()
	r.judge(id, want, got)
}

// fail reports a case that could not be run to the end (an RPC error, a missing address).
func (r *reporter) fail(id string, want any, err error) {
	r.print(obj{"case": id, "ok": false, "want": want, "got": err.Error()})
}

func (r *reporter) judge(id string, want, got any) {
	if reflect.DeepEqual(want, got) {
		r.print(obj{"case": id, "ok": true})
		return
	}
	r.print(obj{"case": id, "ok": false, "want": want, "got": got})
}

func (r *reporter) print(line obj) {
	if line["ok"] == true {
		r.passed++
	} else {
		r.failed++
	}
	text, err := json.Marshal(line)
	if err != nil {
		text, _ = json.Marshal(obj{"case": line["case"], "ok": false, "crash": "unprintable result: " + err.Error()})
	}
	fmt.Fprintln(r.w, string(text))
}

// close prints the tally; it reports whether every case passed.
func (r *reporter) close() bool {
	fmt.Fprintf(r.w, "%d passed, %d failed\n", r.passed, r.failed)
	return r.failed == 0
}
