package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAllLoose reads every request of in, or stops at a header error.
func readAllLoose(t *testing.T, in string) ([]*request, error) {
	src, err := newSource(strings.NewReader(in), "", newIDSet())
	if err != nil {
		return nil, err
	}
	var out []*request
	for {
		r, err := src.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		out = append(out, r)
	}
}

// checkRequests holds for any input: every request has a line, a request
// without an error has an id and valid UTF-8 text, and an error is an
// *InputError that names a line within the input.
func checkRequests(t *testing.T, in string, reqs []*request) {
	lines := strings.Count(in, "\n") + 1
	for _, r := range reqs {
		if r.line < 1 || r.line > lines {
			t.Errorf("request %q: line %d outside 1..%d", r.req.ID, r.line, lines)
		}
		if r.err == nil {
			if r.req.ID == "" {
				t.Errorf("request without id and without error")
			}
			for _, p := range r.req.Parties {
				if !utf8.ValidString(p.Name) {
					t.Errorf("invalid UTF-8 name %q passed", p.Name)
				}
			}
			continue
		}
		var ie *InputError
		if !errors.As(r.err, &ie) {
			t.Errorf("error %v is not an *InputError", r.err)
		} else if ie.Line < 1 || ie.Line > lines {
			t.Errorf("error %v: line %d outside 1..%d", r.err, ie.Line, lines)
		} else if ie.EndLine != 0 && (ie.EndLine < ie.Line || ie.EndLine > lines) {
			t.Errorf("error %v: lines %d-%d outside 1..%d", r.err, ie.Line, ie.EndLine, lines)
		}
	}
}

func FuzzCSVInput(f *testing.F) {
	f.Add(contractCSV)
	f.Add("id\nA\nA\nB\n")
	f.Add("ID,IP\nA,not-an-ip\nA,8.8.8.8\n")
	f.Add("id,name,destination\nA,\"Acme\nWidgets\",CN\nA,x,IR\n")
	f.Add("id,name\nA,\"unterminated\nB,x\n")
	f.Add("id,name\nA,Acme \xff\n")
	f.Add("\ufeffId,TPP,DataCenter\nA,4992,true\nA,1e400,maybe\n")
	f.Add("id,tpp\n,1\n,2\nA\n")
	f.Add("id,name,country\nB,\"Example Compute GmbH,DE\nC,Acme\",US\nD,Acme Widgets Inc,US\n")
	f.Fuzz(func(t *testing.T, in string) {
		reqs, err := readAllLoose(t, in)
		if err != nil {
			if !errors.Is(err, ErrBadHeader) {
				t.Fatalf("header error %v does not wrap ErrBadHeader", err)
			}
			return
		}
		checkRequests(t, in, reqs)
	})
}

func FuzzJSONLInput(f *testing.F) {
	f.Add(`{"id":"J1","destination":"CN","parties":[{"role":"purchaser","name":"Hikvision","country":"CN"}]}` + "\n")
	f.Add(`{"id":"J2","ips":["8.8.8.8","not-an-ip"]}` + "\n" + `{"id":"J2"}` + "\n")
	f.Add(`{"id":"J3","items":[{"tpp":"high"}]}` + "\n")
	f.Add(`{"id":"J4"} {"id":"J5"}` + "\n\n")
	f.Add(`{"id":"J6","parties":[{"name":"Acme ` + "\xff" + `"}]}`)
	f.Add(`{"id":null}` + "\n" + `{`)
	f.Fuzz(func(t *testing.T, in string) {
		if !strings.HasPrefix(strings.TrimLeft(in, " \t\r\n"), "{") {
			in = "{" + in
		}
		reqs, err := readAllLoose(t, in)
		if err != nil {
			t.Fatalf("JSONL input gave a header error: %v", err)
		}
		checkRequests(t, in, reqs)
	})
}

// FuzzReadDone checks the -resume reader on arbitrary output files: it
// either refuses the file or leaves it ending on a line boundary with every
// complete line counted.
func FuzzReadDone(f *testing.F) {
	f.Add("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"outc")
	f.Add("")
	f.Add("{\"id\":\"a\"}\n")
	f.Add("id,name\n")
	f.Add("{\"id\":null}\n")
	f.Add("{\"id\":\"a\\\"b\\u00e9\",\"outcome\":\"allow\"}\n{\"id\":\"\",\"outcome\":\"error\"}\n")
	f.Add("{\"id\":\"a\"}\n{\"id\":\"b\" }\n")
	f.Fuzz(func(t *testing.T, content string) {
		path := filepath.Join(t.TempDir(), "out.jsonl")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		done, err := readDone(path)
		if err != nil {
			return
		}
		n := len(done.ids)
		after, _ := os.ReadFile(path)
		if len(after) > 0 && after[len(after)-1] != '\n' {
			t.Errorf("file does not end on a line boundary after readDone: %q", after)
		}
		if got := strings.Count(string(after), "\n"); got != n {
			t.Errorf("readDone counted %d records; the file has %d lines", n, got)
		}
		if !strings.HasPrefix(content, string(after)) {
			t.Errorf("readDone changed more than the torn last line")
		}
		// Only the start and the end of a line are read: an accepted line
		// starts {"id":" and ends }, and when it is valid JSON, its id is
		// the one a JSON decoder finds.
		for i, l := range strings.SplitAfter(string(after), "\n") {
			if l == "" || i >= n {
				continue
			}
			if !strings.HasPrefix(l, `{"id":"`) || !strings.HasSuffix(strings.TrimRight(l, "\r\n"), "}") {
				t.Errorf("line %d %q accepted; it does not look like a decision record", i+1, l)
			}
			if !json.Valid([]byte(l)) {
				continue
			}
			// leadingID decodes token by token and takes the first "id".
			if id := leadingID([]byte(l)); done.key(id) != done.ids[i] {
				t.Errorf("line %d: id read differs from the decoded id %q", i+1, id)
			}
		}
	})
}
