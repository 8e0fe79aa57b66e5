package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Example screens a two-request order book from stdin (as `audit -` does) on
// the embedded defaults and prints each decision's outcome.
func Example() {
	book := "id,role,name,country,destination\n" +
		"A,purchaser,Mahan Air,IR,IR\n" +
		"B,purchaser,Apple Inc.,US,US\n"
	var out bytes.Buffer
	code := run(context.Background(), []string{"-"}, strings.NewReader(book), &out, io.Discard)
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var d struct{ ID, Outcome string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			panic(err)
		}
		fmt.Println(d.ID, d.Outcome)
	}
	fmt.Println("exit", code)
	// Output:
	// A deny
	// B allow
	// exit 0
}
