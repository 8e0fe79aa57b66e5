package lists

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
)

// listFormat is one list file format the package reads: how to recognise
// it and how to load it. Adding a format means a loader file (its Format*
// name, its detector, its loader) and one row in listFormats; the format
// registry test fails for a row without a detector or loader, for a name
// the rules source registry does not know, and for a format with no sample
// that detects and loads as itself.
type listFormat struct {
	// name is the format's Format* value, reported in LoadReport.Format.
	name string
	// sniff reports whether a file with head h is in this format; an error
	// means the file is recognised and refused (it names why).
	sniff func(h *fileHead) (bool, error)
	// sniffDir reports whether the directory dir is a file set of this
	// format; nil for a format that is never a directory.
	sniffDir func(dir string) (bool, error)
	// load reads one file of the format from r; file names it in errors.
	load func(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error)
	// loadPath, when set instead of load, reads a format that spans several
	// files from path (a file of the set, or its directory) and returns the
	// files it read, the primary first.
	loadPath func(ctx context.Context, path string) ([]*Entry, LoadReport, []string, error)
}

// listFormats is the format registry, in detection order: the first
// format whose detector accepts a file is its format.
var listFormats = []listFormat{
	{name: FormatUNXML, sniff: sniffUNXML, load: LoadUNXML},
	{name: FormatCSLJSON, sniff: sniffCSLJSON, load: LoadCSLJSON},
	{name: FormatDPL, sniff: sniffDPL, load: LoadDPL},
	{name: FormatCSLCSV, sniff: sniffCSLCSV, load: LoadCSLCSV},
	{name: FormatCSLCSVLegacy, sniff: sniffCSLCSVLegacy, load: LoadCSLCSV},
	{name: FormatInternalCSV, sniff: sniffInternalCSV, load: LoadInternalCSV},
	{name: FormatOFACSDN, sniff: sniffOFAC("sdn.csv"), sniffDir: sniffOFACDir(false), loadPath: loadOFACPath},
	{name: FormatOFACCons, sniff: sniffOFAC("cons_prim.csv"), sniffDir: sniffOFACDir(true), loadPath: loadOFACPath},
}

// formatNamed returns the registered format called name.
func formatNamed(name string) (*listFormat, bool) {
	for i := range listFormats {
		if listFormats[i].name == name {
			return &listFormats[i], true
		}
	}
	return nil, false
}

// fileHead is what format detection looks at: a file's base name and its
// first bytes.
type fileHead struct {
	name string
	// lead is the first byte that is not white space.
	lead byte
	// first is the first line; firstLower the same, lower-cased.
	first      []byte
	firstLower string
}

// newFileHead reads what detection needs from a file's name and first
// bytes; it reports false for a file that is empty or all white space.
func newFileHead(name string, head []byte) (*fileHead, bool) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, false
	}
	first := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		first = head[:i]
	}
	return &fileHead{name: name, lead: trimmed[0], first: first, firstLower: strings.ToLower(string(first))}, true
}

// sniff detects a format from a file's name and first bytes.
func sniff(name string, head []byte) (string, error) {
	h, ok := newFileHead(name, head)
	if !ok {
		return "", &ParseError{File: name, Err: ErrEmptyFile}
	}
	for i := range listFormats {
		f := &listFormats[i]
		if f.sniff == nil {
			continue
		}
		ok, err := f.sniff(h)
		if err != nil {
			return "", err
		}
		if ok {
			return f.name, nil
		}
	}
	return "", &ParseError{File: name, Err: fmt.Errorf("%w: not a list format this package reads (first line %q)", ErrWrongFormat, clip(string(h.first), 60))}
}

// sniffDir detects the format of a directory of list files.
func sniffDir(dir string) (string, error) {
	for i := range listFormats {
		f := &listFormats[i]
		if f.sniffDir == nil {
			continue
		}
		ok, err := f.sniffDir(dir)
		if err != nil {
			return "", err
		}
		if ok {
			return f.name, nil
		}
	}
	return "", &ParseError{File: dir, Err: fmt.Errorf("%w: a directory that is no list file set this package reads", ErrWrongFormat)}
}
