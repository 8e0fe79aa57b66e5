package rules

// The YAML decoder policy and profile files share: it keeps every node's
// position, so each problem is reported as file:line:column with the
// field's path, and it collects them all in one run.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlDecoder walks a yaml.Node tree, collecting a *PolicyError for every
// problem so that one run reports them all.
type yamlDecoder struct {
	file string
	errs []error
}

type keyValue struct {
	key  string
	k, v *yaml.Node
}

func (d *yamlDecoder) fail(n *yaml.Node, field, value, format string, args ...any) {
	if len(d.errs) >= maxPolicyErrors {
		if len(d.errs) == maxPolicyErrors {
			d.errs = append(d.errs, &PolicyError{File: d.file, Msg: fmt.Sprintf("more than %d problems; the rest are not listed", maxPolicyErrors)})
		}
		return
	}
	e := &PolicyError{File: d.file, Field: clipQuote(field), Value: clipQuote(value), Msg: fmt.Sprintf(format, clipArgs(args)...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// err returns all errors found, or nil.
func (d *yamlDecoder) err() error { return errors.Join(d.errs...) }

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// document parses data as exactly one YAML document whose root is a mapping,
// without anchors or aliases.
func (d *yamlDecoder) document(data []byte) (root *yaml.Node) {
	defer func() {
		if r := recover(); r != nil {
			d.fail(nil, "", "", "invalid YAML: %v", r)
			root = nil
		}
	}()
	if !utf8.Valid(data) {
		d.fail(nil, "", "", "invalid YAML: not UTF-8")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.fail(nil, "", "", "empty policy file")
		} else {
			d.syntax(err)
		}
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			d.syntax(err)
		} else {
			d.fail(&extra, "", "", "more than one YAML document")
		}
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		d.fail(&doc, "", "", "empty policy file")
		return nil
	}
	root = doc.Content[0]
	if !d.plain(root, "") {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.fail(root, "", root.Value, "policy must be a mapping of keys to values")
		return nil
	}
	return root
}

func (d *yamlDecoder) syntax(err error) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		d.errs = append(d.errs, &PolicyError{File: d.file, Line: line, Msg: "invalid YAML: " + m[2]})
		return
	}
	d.errs = append(d.errs, &PolicyError{File: d.file, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")})
}

// plain rejects anchors, aliases and custom tags anywhere in the tree.
func (d *yamlDecoder) plain(n *yaml.Node, path string) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.fail(n, path, n.Value, "anchors and aliases are not allowed in a policy file")
		return false
	}
	if n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") {
		d.fail(n, path, n.Tag, "custom tag %q not allowed", n.Tag)
		return false
	}
	for _, c := range n.Content {
		if !d.plain(c, path) {
			return false
		}
	}
	return true
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func indexPath(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mapping returns the key/value pairs of a mapping node, reporting
// non-mappings, non-scalar keys and duplicate keys. A null node is empty.
func (d *yamlDecoder) mapping(n *yaml.Node, path string) []keyValue {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, n.Value, "%s must be a mapping of keys to values", describe(path))
		return nil
	}
	var out []keyValue
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "", "%s: keys must be plain strings", describe(path))
			continue
		}
		if line, dup := first[k.Value]; dup {
			d.fail(k, joinPath(path, k.Value), k.Value, "duplicate key %q (first at line %d)", k.Value, line)
			continue
		}
		first[k.Value] = k.Line
		out = append(out, keyValue{key: k.Value, k: k, v: v})
	}
	return out
}

func describe(path string) string {
	if path == "" {
		return "the policy"
	}
	return path
}

func (d *yamlDecoder) unknownKey(kv keyValue, path string) {
	d.fail(kv.k, joinPath(path, kv.key), kv.key, "unknown key %q in %s", kv.key, describe(path))
}

// seq returns the items of a sequence node; a null node is empty.
func (d *yamlDecoder) seq(n *yaml.Node, path string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, n.Value, "%s must be a list", path)
		return nil
	}
	return n.Content
}

// str returns a scalar's text. Null, lists and mappings are errors.
func (d *yamlDecoder) str(n *yaml.Node, path string) (string, bool) {
	switch {
	case isNull(n):
		d.fail(n, path, "", "%s has no value", path)
		return "", false
	case n.Kind != yaml.ScalarNode:
		d.fail(n, path, "", "%s must be a single value, not a list or mapping", path)
		return "", false
	case !utf8.ValidString(n.Value):
		d.fail(n, path, n.Value, "%s is not valid UTF-8", path)
		return "", false
	}
	return n.Value, true
}

// scalar decodes the single value at path with parse; when parse fails it
// reports the value with message, a format with one %q verb for the value.
func scalar[T any](d *yamlDecoder, n *yaml.Node, path string, parse func(string) (T, error), message string) (T, bool) {
	var zero T
	s, ok := d.str(n, path)
	if !ok {
		return zero, false
	}
	v, err := parse(s)
	if err != nil {
		d.fail(n, path, s, message, s)
		return zero, false
	}
	return v, true
}

func (d *yamlDecoder) boolean(n *yaml.Node, path string) (bool, bool) {
	return scalar(d, n, path, parseBool, "invalid boolean %q: want true or false")
}

// parseBool accepts only "true" and "false" (not strconv.ParseBool's 1, t, T...).
func parseBool(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errors.New("not a boolean")
}

func (d *yamlDecoder) date(n *yaml.Node, path string) (time.Time, bool) {
	return scalar(d, n, path, parseFileDate, "invalid date %q: want YYYY-MM-DD")
}

// parseFileDate parses a policy date, YYYY-MM-DD in the years 1900 to 2999.
func parseFileDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err == nil && (t.Year() < 1900 || t.Year() > 2999) {
		err = errors.New("year out of range")
	}
	return t, err
}

func (d *yamlDecoder) country(n *yaml.Node, path string) (Country, bool) {
	return scalar(d, n, path, ParseCountry, "unknown country %q: want an ISO 3166-1 alpha-2 code")
}

func (d *yamlDecoder) region(n *yaml.Node, path string) (Region, bool) {
	return scalar(d, n, path, ParseRegion, "unknown region %q: want an ISO 3166-2 code such as UA-43")
}

func (d *yamlDecoder) groupList(n *yaml.Node, path string) []Group {
	var out []Group
	for i, e := range d.seq(n, path) {
		ip := indexPath(path, i)
		s, ok := d.str(e, ip)
		if !ok {
			continue
		}
		g, err := ParseGroup(s)
		if err != nil {
			d.fail(e, ip, s, "unknown country group %q", s)
			continue
		}
		if slices.Contains(out, g) {
			d.fail(e, ip, s, "country group %q listed twice", s)
			continue
		}
		out = append(out, g)
	}
	return out
}

func (d *yamlDecoder) outcome(n *yaml.Node, path string) (Outcome, bool) {
	return scalar(d, n, path, ParseOutcome, "unknown outcome %q: want allow, review, license_required or deny")
}

func (d *yamlDecoder) float(n *yaml.Node, path string) (float64, bool) {
	s, ok := d.str(n, path)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || n.Tag != "!!int" && n.Tag != "!!float" {
		d.fail(n, path, s, "invalid number %q", s)
		return 0, false
	}
	return f, true
}

// maxAge bounds data_freshness durations.
const maxAge = 366 * 24 * time.Hour

// duration parses "7d", "36h", "90m" or any time.ParseDuration text; it must
// be positive and at most 366 days.
func (d *yamlDecoder) duration(n *yaml.Node, path string) (time.Duration, bool) {
	s, ok := d.str(n, path)
	if !ok {
		return 0, false
	}
	v, err := parseAge(s)
	if err != nil {
		d.fail(n, path, s, "invalid duration %q: want a number of days such as 7d, or hours such as 36h", s)
		return 0, false
	}
	if v <= 0 || v > maxAge {
		d.fail(n, path, s, "duration %q out of range: want more than 0 and at most 366d", s)
		return 0, false
	}
	return v, true
}

func parseAge(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100000 {
			return 0, fmt.Errorf("bad days %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}
