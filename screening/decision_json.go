package screening

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// AppendJSON appends the JSON encoding of d to dst and returns the result.
// The bytes are exactly those of an encoding/json Encoder with
// SetEscapeHTML(false), without the trailing newline: the same field order,
// omitempty rules, number formatting, map key order and string escaping.
// Like encoding/json it fails on a NaN or infinite number and on a time
// outside the years 0–9999; dst is then returned unchanged with the error.
//
// It writes a decision in a few microseconds where encoding/json, which
// reflects over every field, takes several times as long. A batch that
// writes many decisions on the same data should use a DecisionEncoder,
// which also encodes the versions block once.
func (d *Decision) AppendJSON(dst []byte) ([]byte, error) {
	return appendDecision(dst, d, nil)
}

// A DecisionEncoder appends decisions as JSON like Decision.AppendJSON, and
// remembers the encoding of the parts that are the same on every decision
// made on one data version: the versions block (every list's source, as-of
// date and checksum; more than half of a typical line) and the reasons
// about the data rather than the request (codes "data.…", such as the
// evaluation-data notice). A remembered encoding is used only for a value
// equal to the one it was made from. It is safe for concurrent use; the
// zero value is ready to use.
type DecisionEncoder struct {
	last atomic.Pointer[versionsJSON]
	data atomic.Pointer[[]reasonJSON] // data.* reasons, at most one a code
}

// reasonJSON is a reason and its encoding.
type reasonJSON struct {
	r   Reason
	enc []byte
}

// maxDataReasons bounds the data.* reasons a DecisionEncoder remembers.
const maxDataReasons = 8

// reason appends the encoding of r, from the cache when r is a data.*
// reason equal to one encoded before.
func (e *DecisionEncoder) reason(w *jsonWriter, r *Reason) {
	if !strings.HasPrefix(r.Code, "data.") {
		w.reason(r)
		return
	}
	cached := e.data.Load()
	if cached != nil {
		for i := range *cached {
			if c := &(*cached)[i]; c.r.Code == r.Code {
				if reasonEqual(&c.r, r) {
					w.b = append(w.b, c.enc...)
					return
				}
				break
			}
		}
	}
	start := len(w.b)
	w.reason(r)
	cp, ok := copyReason(r)
	if w.err != nil || !ok {
		return
	}
	next := make([]reasonJSON, 0, maxDataReasons)
	if cached != nil {
		for _, c := range *cached {
			if c.r.Code != r.Code {
				next = append(next, c)
			}
		}
	}
	if len(next) == maxDataReasons {
		next = next[1:]
	}
	next = append(next, reasonJSON{r: cp, enc: slices.Clone(w.b[start:])})
	e.data.Store(&next)
}

// copyReason returns a copy of r that later changes to r's evidence cannot
// reach, and false when the evidence holds a value of another type than
// string, []string, bool, int or float64 (such a reason is not
// remembered).
func copyReason(r *Reason) (Reason, bool) {
	cp := *r
	if r.Evidence == nil {
		return cp, true
	}
	cp.Evidence = make(map[string]any, len(r.Evidence))
	for k, v := range r.Evidence {
		switch v := v.(type) {
		case string, bool, int, float64:
			cp.Evidence[k] = v
		case []string:
			cp.Evidence[k] = slices.Clone(v)
		default:
			return Reason{}, false
		}
	}
	return cp, true
}

// reasonEqual reports whether a and b encode alike; a holds only the
// evidence types copyReason keeps.
func reasonEqual(a, b *Reason) bool {
	if a.Code != b.Code || a.Outcome != b.Outcome || a.Message != b.Message || a.Citation != b.Citation ||
		len(a.Evidence) != len(b.Evidence) {
		return false
	}
	for k, av := range a.Evidence {
		bv, ok := b.Evidence[k]
		if !ok {
			return false
		}
		switch av := av.(type) {
		case string:
			if bv, ok := bv.(string); !ok || av != bv {
				return false
			}
		case bool:
			if bv, ok := bv.(bool); !ok || av != bv {
				return false
			}
		case int:
			if bv, ok := bv.(int); !ok || av != bv {
				return false
			}
		case float64:
			// By bits: 0 and -0 are equal numbers but encode differently.
			if bv, ok := bv.(float64); !ok || math.Float64bits(av) != math.Float64bits(bv) {
				return false
			}
		case []string:
			if bv, ok := bv.([]string); !ok || (av == nil) != (bv == nil) || !slices.Equal(av, bv) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// versionsJSON is a versions block and its encoding.
type versionsJSON struct {
	v   Versions
	enc []byte
}

// Append appends the JSON encoding of d to dst; see Decision.AppendJSON.
func (e *DecisionEncoder) Append(dst []byte, d *Decision) ([]byte, error) {
	return appendDecision(dst, d, e)
}

// versions appends the encoding of v, from the cache when v equals the
// last block encoded.
func (e *DecisionEncoder) versions(dst []byte, v *Versions) []byte {
	if c := e.last.Load(); c != nil && versionsEqual(&c.v, v) {
		return append(dst, c.enc...)
	}
	enc := appendVersions(nil, v)
	e.last.Store(&versionsJSON{v: Versions{Library: v.Library, Policy: v.Policy, PolicyAsOf: v.PolicyAsOf,
		Lists: slices.Clone(v.Lists), GeoDBs: slices.Clone(v.GeoDBs)}, enc: enc})
	return append(dst, enc...)
}

// versionsEqual reports whether a and b encode alike. A nil and an empty
// list do not: one is null, the other [].
func versionsEqual(a, b *Versions) bool {
	return a.Library == b.Library && a.Policy == b.Policy && a.PolicyAsOf == b.PolicyAsOf &&
		(a.Lists == nil) == (b.Lists == nil) && slices.Equal(a.Lists, b.Lists) &&
		(a.GeoDBs == nil) == (b.GeoDBs == nil) && slices.Equal(a.GeoDBs, b.GeoDBs)
}

// writeArray writes s as a JSON array, each element with write; a nil s is
// null.
func writeArray[T any](w *jsonWriter, s []T, write func(*jsonWriter, *T)) {
	if s == nil {
		w.raw("null")
		return
	}
	w.raw("[")
	for i := range s {
		if i > 0 {
			w.raw(",")
		}
		write(w, &s[i])
	}
	w.raw("]")
}

func appendDecision(dst []byte, d *Decision, e *DecisionEncoder) ([]byte, error) {
	w := jsonWriter{b: dst}
	w.raw(`{"id":`)
	w.str(d.ID)
	w.raw(`,"outcome":`)
	w.str(d.Outcome)
	w.raw(`,"reasons":`)
	if d.Reasons == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i := range d.Reasons {
			if i > 0 {
				w.raw(",")
			}
			if e != nil {
				e.reason(&w, &d.Reasons[i])
			} else {
				w.reason(&d.Reasons[i])
			}
		}
		w.raw("]")
	}
	w.raw(`,"matches":`)
	writeArray(&w, d.Matches, (*jsonWriter).match)
	w.raw(`,"locations":`)
	writeArray(&w, d.Locations, (*jsonWriter).location)
	w.raw(`,"items":`)
	writeArray(&w, d.Items, (*jsonWriter).item)
	w.raw(`,"versions":`)
	if e != nil {
		w.b = e.versions(w.b, &d.Versions)
	} else {
		w.b = appendVersions(w.b, &d.Versions)
	}
	w.raw(`,"as_of":`)
	w.str(d.AsOf)
	w.raw(`,"screened_at":`)
	w.time(d.ScreenedAt)
	if d.Error != "" {
		w.raw(`,"error":`)
		w.str(d.Error)
	}
	w.raw("}")
	if w.err != nil {
		return dst, fmt.Errorf("encode decision %q: %w", d.ID, w.err)
	}
	return w.b, nil
}

func (w *jsonWriter) reason(r *Reason) {
	w.raw(`{"code":`)
	w.str(r.Code)
	w.raw(`,"outcome":`)
	w.str(r.Outcome)
	w.raw(`,"message":`)
	w.str(r.Message)
	w.raw(`,"citation":`)
	w.str(r.Citation)
	if len(r.Evidence) > 0 {
		w.raw(`,"evidence":`)
		w.object(r.Evidence)
	}
	w.raw("}")
}

func (w *jsonWriter) match(m *MatchRecord) {
	w.raw(`{"party":`)
	w.str(m.Party)
	w.raw(`,"party_role":`)
	w.str(m.PartyRole)
	w.raw(`,"list":`)
	w.str(m.List)
	w.raw(`,"entry_id":`)
	w.str(m.EntryID)
	w.raw(`,"entry_name":`)
	w.str(m.EntryName)
	w.raw(`,"matched_name":`)
	w.str(m.MatchedName)
	if m.WeakAlias {
		w.raw(`,"weak_alias":true`)
	}
	w.raw(`,"score":`)
	w.float(m.Score, 64)
	w.raw(`,"name_score":`)
	w.float(m.NameScore, 64)
	if len(m.Tokens) > 0 {
		w.raw(`,"tokens":[`)
		for i, t := range m.Tokens {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"query":`)
			w.str(t.Query)
			w.raw(`,"candidate":`)
			w.str(t.Candidate)
			w.raw(`,"similarity":`)
			w.float(t.Similarity, 64)
			w.raw("}")
		}
		w.raw("]")
	}
	if len(m.Adjustments) > 0 {
		w.raw(`,"adjustments":[`)
		for i, a := range m.Adjustments {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"kind":`)
			w.str(a.Kind)
			w.raw(`,"delta":`)
			w.float(a.Delta, 64)
			if a.Detail != "" {
				w.raw(`,"detail":`)
				w.str(a.Detail)
			}
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw(`,"entry_hash":`)
	w.str(m.EntryHash)
	w.raw(`,"via":`)
	w.str(m.Via)
	w.raw(`,"strength":`)
	w.str(m.Strength)
	if s := m.Suppressed; s != nil {
		w.raw(`,"suppressed":`)
		w.suppression(s)
	}
	w.raw("}")
}

func (w *jsonWriter) suppression(s *Suppression) {
	w.raw(`{"party":`)
	w.str(s.Party)
	w.raw(`,"entry_key":`)
	w.str(s.EntryKey)
	w.raw(`,"entry_hash":`)
	w.str(s.EntryHash)
	w.raw(`,"kind":`)
	w.str(s.Kind)
	w.raw(`,"reason":`)
	w.str(s.Reason)
	w.raw(`,"reviewer":`)
	w.str(s.Reviewer)
	w.raw(`,"created":`)
	w.time(s.Created)
	if !s.Expires.IsZero() {
		w.raw(`,"expires":`)
		w.time(s.Expires)
	}
	w.raw("}")
}

func (w *jsonWriter) location(l *LocationRecord) {
	w.raw(`{"ip":`)
	w.str(l.IP)
	w.raw(`,"country":`)
	w.str(l.Country)
	if len(l.CountryClaims) > 0 {
		w.raw(`,"country_claims":[`)
		for i := range l.CountryClaims {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"source":`)
			w.str(l.CountryClaims[i].Source)
			w.raw(`,"country":`)
			w.str(l.CountryClaims[i].Country)
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw(`,"registered_country":`)
	w.str(l.RegisteredCountry)
	if l.RepresentedCountry != "" {
		w.raw(`,"represented_country":`)
		w.str(l.RepresentedCountry)
	}
	w.raw(`,"subdivisions":`)
	w.strs(l.Subdivisions)
	if l.City != "" {
		w.raw(`,"city":`)
		w.str(l.City)
	}
	if l.Network != "" {
		w.raw(`,"network":`)
		w.str(l.Network)
	}
	a := &l.Anonymizer
	w.raw(`,"anonymizer":{"checked":`)
	w.bool(a.Checked)
	w.raw(`,"anonymous":`)
	w.bool(a.Anonymous)
	w.raw(`,"vpn":`)
	w.bool(a.VPN)
	w.raw(`,"tor":`)
	w.bool(a.Tor)
	w.raw(`,"hosting":`)
	w.bool(a.Hosting)
	w.raw(`,"public_proxy":`)
	w.bool(a.PublicProxy)
	w.raw(`,"residential_proxy":`)
	w.bool(a.ResidentialProxy)
	if a.Confidence != 0 {
		w.raw(`,"confidence":`)
		w.b = strconv.AppendInt(w.b, int64(a.Confidence), 10)
	}
	if a.Provider != "" {
		w.raw(`,"provider":`)
		w.str(a.Provider)
	}
	w.raw("}")
	if l.NotRoutable != "" {
		w.raw(`,"not_routable":`)
		w.str(l.NotRoutable)
	}
	w.raw(`,"found":`)
	w.bool(l.Found)
	if len(l.Databases) > 0 {
		w.raw(`,"databases":`)
		w.strs(l.Databases)
	}
	w.raw("}")
}

func (w *jsonWriter) item(it *ItemRecord) {
	w.raw("{")
	if it.ID != "" {
		w.raw(`"id":`)
		w.str(it.ID)
		w.raw(",")
	}
	w.raw(`"eccn":`)
	w.str(it.ECCN)
	w.raw(`,"classification":`)
	w.str(it.Classification)
	if it.TPP != 0 {
		w.raw(`,"tpp":`)
		w.float(it.TPP, 64)
	}
	if it.PerformanceDensity != 0 {
		w.raw(`,"performance_density":`)
		w.float(it.PerformanceDensity, 64)
	}
	w.raw(`,"license_required":`)
	w.bool(it.LicenseRequired)
	if it.License != "" {
		w.raw(`,"license":`)
		w.str(it.License)
	}
	if len(it.ResolveWith) > 0 {
		w.raw(`,"resolve_with":`)
		w.strs(it.ResolveWith)
	}
	if it.ReviewPolicy != "" {
		w.raw(`,"review_policy":`)
		w.str(it.ReviewPolicy)
	}
	w.raw(`,"license_exceptions":`)
	w.strs(it.LicenseExceptions)
	if it.GP10 {
		w.raw(`,"gp10":true`)
	}
	if len(it.Citations) > 0 {
		w.raw(`,"citations":`)
		w.strs(it.Citations)
	}
	if len(it.Steps) > 0 {
		w.raw(`,"steps":`)
		w.strs(it.Steps)
	}
	if it.Error != "" {
		w.raw(`,"error":`)
		w.str(it.Error)
	}
	w.raw("}")
}

// appendVersions appends the encoding of v; it cannot fail (strings,
// integers and booleans only).
func appendVersions(dst []byte, v *Versions) []byte {
	w := jsonWriter{b: dst}
	w.raw(`{"library":`)
	w.str(v.Library)
	w.raw(`,"policy":`)
	w.str(v.Policy)
	if v.PolicyAsOf != "" {
		w.raw(`,"policy_as_of":`)
		w.str(v.PolicyAsOf)
	}
	w.raw(`,"lists":`)
	if v.Lists == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, l := range v.Lists {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"source":`)
			w.str(l.Source)
			w.raw(`,"as_of":`)
			w.str(l.AsOf)
			if l.AsOfFrom != "" {
				w.raw(`,"as_of_from":`)
				w.str(l.AsOfFrom)
			}
			if l.FetchedAt != "" {
				w.raw(`,"fetched_at":`)
				w.str(l.FetchedAt)
			}
			w.raw(`,"checksum":`)
			w.str(l.Checksum)
			w.raw(`,"entries":`)
			w.b = strconv.AppendInt(w.b, int64(l.Entries), 10)
			if l.Evaluation {
				w.raw(`,"evaluation":true`)
			}
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw(`,"geo_dbs":`)
	if v.GeoDBs == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, g := range v.GeoDBs {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"name":`)
			w.str(g.Name)
			w.raw(`,"type":`)
			w.str(g.Type)
			w.raw(`,"build_date":`)
			w.str(g.BuildDate)
			if g.Embedded {
				w.raw(`,"embedded":true`)
			}
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw("}")
	return w.b
}
