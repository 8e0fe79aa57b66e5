package service_test

import (
	"flag"
	"fmt"

	"github.com/exportguard/exportguard/examples/internal/service"
)

// A service's command line names its data with -policy, -lists (repeatable)
// and -geoip (repeatable); what it leaves out keeps the embedded default.
func ExampleData_Register() {
	fs := flag.NewFlagSet("orderservice", flag.ContinueOnError)
	var data service.Data
	data.Register(fs)
	if err := fs.Parse([]string{"-lists", "sdn.csv", "-lists", "dpl.txt"}); err != nil {
		panic(err)
	}
	fmt.Printf("policy %q, lists %q, geoip %q\n", data.PolicyPath, data.ListPaths, data.GeoIPPaths)
	// Output: policy "", lists ["sdn.csv" "dpl.txt"], geoip []
}

// ParseArgs takes flags wherever they stand, as "audit orders.csv -out x"
// is typed.
func ExampleParseArgs() {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	out := fs.String("out", "", "output file")
	files, err := service.ParseArgs(fs, []string{"orders.csv", "-out", "decisions.jsonl", "more.csv"})
	fmt.Println(files, *out, err)
	// Output: [orders.csv more.csv] decisions.jsonl <nil>
}
