// Package ownership computes who is caught by ownership rules: OFAC's 50%
// rule (an entity owned 50% or more, directly or indirectly, in aggregate,
// by blocked persons is itself blocked) and the BIS Affiliates rule (an
// entity owned 50% or more by Entity List or Military End User parties
// inherits their restrictions), each dated, with the ownership chain as
// evidence. Users supply ownership edges from their own KYC data, registries
// or a vendor.
package ownership

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/partykey"
)

// Edge is one ownership stake: Owner holds Percent of Owned, from Start to
// End (zero values: open). Owner may reference a list entry directly as
// "list:SOURCE:ID" (e.g. "list:SDN:306").
type Edge struct {
	Owner        string    `json:"owner"`
	OwnerCountry string    `json:"owner_country,omitempty"`
	Owned        string    `json:"owned"`
	OwnedCountry string    `json:"owned_country,omitempty"`
	Percent      float64   `json:"percent"`
	Start        time.Time `json:"start_date,omitzero"`
	End          time.Time `json:"end_date,omitzero"`
	// Line is where the edge was read (0 when built in code).
	Line int `json:"-"`
}

// active reports whether the stake is held on date d (End is exclusive).
func (e *Edge) active(d time.Time) bool {
	return (e.Start.IsZero() || !d.Before(e.Start)) && (e.End.IsZero() || d.Before(e.End))
}

// ListRef returns the list entry key ("SOURCE:ID", read by rules.ParseEntryKey:
// a registered source and an ID) when Owner references an
// entry directly.
func (e *Edge) ListRef() (string, bool) {
	rest, ok := strings.CutPrefix(e.Owner, "list:")
	if !ok {
		return "", false
	}
	k, err := rules.ParseEntryKey(rest)
	if err != nil {
		return "", false
	}
	return k.String(), true
}

// A ParseError reports an ownership record that could not be read.
type ParseError struct {
	File  string
	Line  int
	Field string
	Value string
	Msg   string
}

func (e *ParseError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", loc, e.Msg)
	}
	return fmt.Sprintf("%s: field %s: %s %q", loc, e.Field, e.Msg, e.Value)
}

// ErrInvalid is wrapped by every *ParseError.
var ErrInvalid = errors.New("invalid ownership data")

// Unwrap lets errors.Is(err, ErrInvalid) succeed.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// Graph is an immutable set of ownership edges, indexed by owned entity.
type Graph struct {
	edges    []Edge
	byOwned  map[string][]int // node key of the owned entity -> edge indexes
	nodes    map[string]node
	warnings []string
	source   string
}

// node is an entity of the graph, keyed by its normalised name.
type node struct {
	name, country string
}

// Key is the key of an entity's name in the graph (and for callers looking
// a party up): the party-name key (partykey.Text), the same one that keys
// reviewer suppressions.
func Key(name string) string { return partykey.Text(name) }

// New validates edges and builds a Graph. source names where they came from
// (a file name) for errors and evidence. Errors cite the edge's line.
func New(source string, edges []Edge) (*Graph, error) {
	g := &Graph{byOwned: map[string][]int{}, nodes: map[string]node{}, source: source}
	var errs []error
	for i := range edges {
		e := edges[i]
		pe := func(field, value, msg string) {
			errs = append(errs, &ParseError{File: source, Line: e.Line, Field: field, Value: value, Msg: msg})
		}
		if Key(e.Owner) == "" {
			pe("owner", e.Owner, "is empty")
			continue
		}
		if Key(e.Owned) == "" {
			pe("owned", e.Owned, "is empty")
			continue
		}
		if strings.HasPrefix(e.Owned, "list:") {
			pe("owned", e.Owned, "must name an entity, not a list reference")
			continue
		}
		if strings.HasPrefix(e.Owner, "list:") {
			if _, ok := e.ListRef(); !ok {
				pe("owner", e.Owner, `list reference must be "list:SOURCE:ID"`)
				continue
			}
		}
		if !(e.Percent > 0 && e.Percent <= 100) {
			pe("percent", fmt.Sprint(e.Percent), "must be more than 0 and at most 100")
			continue
		}
		if Key(e.Owner) == Key(e.Owned) {
			pe("owned", e.Owned, "an entity cannot own itself")
			continue
		}
		if !e.Start.IsZero() && !e.End.IsZero() && !e.End.After(e.Start) {
			pe("end_date", e.End.Format(time.DateOnly), "must be after start_date")
			continue
		}
		g.edges = append(g.edges, e)
		k := Key(e.Owned)
		g.byOwned[k] = append(g.byOwned[k], len(g.edges)-1)
		g.addNode(e.Owner, e.OwnerCountry)
		g.addNode(e.Owned, e.OwnedCountry)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g.checkTotals()
	return g, nil
}

func (g *Graph) addNode(name, country string) {
	k := Key(name)
	n := g.nodes[k]
	if n.name == "" {
		n.name = name
	}
	if n.country == "" {
		n.country = country
	}
	g.nodes[k] = n
}

// checkTotals flags owned entities whose stakes add up to more than 100% on
// some date (checked at every date a stake starts).
func (g *Graph) checkTotals() {
	keys := make([]string, 0, len(g.byOwned))
	for k := range g.byOwned {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		idx := g.byOwned[k]
		dates := []time.Time{{}}
		for _, i := range idx {
			if !g.edges[i].Start.IsZero() {
				dates = append(dates, g.edges[i].Start)
			}
		}
		for _, d := range dates {
			total := 0.0
			for _, i := range idx {
				e := &g.edges[i]
				if d.IsZero() && e.Start.IsZero() || !d.IsZero() && e.active(d) {
					total += e.Percent
				}
			}
			if total > 100.0001 {
				when := "with open dates"
				if !d.IsZero() {
					when = "on " + d.Format(time.DateOnly)
				}
				g.warnings = append(g.warnings, fmt.Sprintf("%s: stakes in %q add up to %.4g%% %s", g.source, g.nodes[k].name, total, when))
				break
			}
		}
	}
}

// Warnings lists inconsistencies that do not stop the calculation, such as
// stakes adding up to more than 100%.
func (g *Graph) Warnings() []string { return g.warnings }

// Edges returns the edges of the graph.
func (g *Graph) Edges() []Edge { return g.edges }

// Source names where the edges came from.
func (g *Graph) Source() string { return g.source }

// Len returns the number of edges.
func (g *Graph) Len() int { return len(g.edges) }
