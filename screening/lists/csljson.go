package lists

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// flexString accepts a JSON string, number or null.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or number, got %s", clip(string(b), 40))
		}
		*f = flexString(n.String())
	}
	return nil
}

// flexList accepts a JSON array of strings, a "; "-joined string, or null.
type flexList []string

func (f *flexList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = splitList(s, "; ")
	default:
		var l []flexString
		if err := json.Unmarshal(b, &l); err != nil {
			return fmt.Errorf("want a list of strings, got %s", clip(string(b), 40))
		}
		*f = make([]string, 0, len(l))
		for _, s := range l {
			*f = append(*f, string(s))
		}
	}
	return nil
}

// cslJSONRecord is one element of "results" in ITA's consolidated.json.
type cslJSONRecord struct {
	ID           flexString `json:"id"`
	Source       string     `json:"source"`
	EntityNumber flexString `json:"entity_number"`
	Type         string     `json:"type"`
	Programs     flexList   `json:"programs"`
	Name         string     `json:"name"`
	Title        string     `json:"title"`
	Addresses    []struct {
		Address    string `json:"address"`
		City       string `json:"city"`
		State      string `json:"state"`
		PostalCode string `json:"postal_code"`
		Country    string `json:"country"`
	} `json:"addresses"`
	FederalRegisterNotice  string     `json:"federal_register_notice"`
	StartDate              string     `json:"start_date"`
	EndDate                string     `json:"end_date"`
	LicenseRequirement     string     `json:"license_requirement"`
	LicensePolicy          string     `json:"license_policy"`
	CallSign               flexString `json:"call_sign"`
	VesselType             flexString `json:"vessel_type"`
	GrossTonnage           flexString `json:"gross_tonnage"`
	GrossRegisteredTonnage flexString `json:"gross_registered_tonnage"`
	VesselFlag             flexString `json:"vessel_flag"`
	VesselOwner            flexString `json:"vessel_owner"`
	Remarks                string     `json:"remarks"`
	SourceListURL          string     `json:"source_list_url"`
	AltNames               flexList   `json:"alt_names"`
	Citizenships           flexList   `json:"citizenships"`
	DatesOfBirth           flexList   `json:"dates_of_birth"`
	Nationalities          flexList   `json:"nationalities"`
	PlacesOfBirth          flexList   `json:"places_of_birth"`
	SourceInformationURL   string     `json:"source_information_url"`
	IDs                    []struct {
		Type    string     `json:"type"`
		Number  flexString `json:"number"`
		Country string     `json:"country"`
	} `json:"ids"`
}

// LoadCSLJSON reads trade.gov's consolidated.json ({"results": [...]},
// addresses as objects, alt_names as a list) with a streaming decoder.
// Errors name the record as results[i] (JSON has no useful line numbers
// once minified).
func LoadCSLJSON(ctx context.Context, r io.Reader, file string) ([]*Entry, LoadReport, error) {
	rep := LoadReport{File: file, Format: FormatCSLJSON}
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, rep, &ParseError{File: file, Err: ErrEmptyFile}
	}
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '{' {
		why := "it does not start with a JSON object"
		if err != nil {
			why = err.Error()
		}
		return nil, rep, wrongFormat(file, "CSL JSON", why)
	}
	var out []*Entry
	seen := map[string]bool{}
	found := false
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return out, rep, &ParseError{File: file, Err: fmt.Errorf("%w: %w", ErrSyntax, err)}
		}
		key, _ := kt.(string)
		if key != "results" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return out, rep, &ParseError{File: file, Field: key, Err: fmt.Errorf("%w: %w", ErrSyntax, err)}
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return out, rep, wrongFormat(file, "CSL JSON", `"results" is not a list`)
		}
		for i := 0; dec.More(); i++ {
			if err := ctx.Err(); err != nil {
				return out, rep, err
			}
			rep.Rows++
			var rec cslJSONRecord
			if err := dec.Decode(&rec); err != nil {
				var ute *json.UnmarshalTypeError
				if errors.As(err, &ute) {
					rep.fail(errf(file, 0, fmt.Sprintf("results[%d].%s", i, ute.Field), "", fmt.Errorf("%w: %w", ErrSyntax, err)))
					continue
				}
				// The stream is broken: nothing after this can be read.
				rep.fail(&ParseError{File: file, Field: fmt.Sprintf("results[%d]", i), Err: fmt.Errorf("%w: %w", ErrSyntax, err)})
				return out, rep, nil
			}
			e, perr := cslJSONEntry(&rec, &rowCtx{rep: &rep, file: file}, i)
			if perr != nil {
				rep.fail(perr)
				continue
			}
			if seen[e.Key()] {
				rep.fail(errf(file, 0, fmt.Sprintf("results[%d].id", i), e.ID, ErrDuplicate))
				continue
			}
			seen[e.Key()] = true
			rep.Loaded++
			out = append(out, e)
		}
		if _, err := dec.Token(); err != nil {
			return out, rep, &ParseError{File: file, Field: "results", Err: fmt.Errorf("%w: %w", ErrSyntax, err)}
		}
	}
	if !found {
		return nil, rep, wrongFormat(file, "CSL JSON", `no "results" list`)
	}
	return out, rep, nil
}

func cslJSONEntry(rec *cslJSONRecord, c *rowCtx, i int) (*Entry, *ParseError) {
	fields := map[string]string{
		"_id": string(rec.ID), "source": rec.Source, "entity_number": string(rec.EntityNumber), "type": rec.Type,
		"programs": strings.Join(rec.Programs, "; "), "name": rec.Name, "title": rec.Title,
		"federal_register_notice": rec.FederalRegisterNotice, "start_date": rec.StartDate, "end_date": rec.EndDate,
		"license_requirement": rec.LicenseRequirement, "license_policy": rec.LicensePolicy,
		"call_sign": string(rec.CallSign), "vessel_type": string(rec.VesselType), "gross_tonnage": string(rec.GrossTonnage),
		"gross_registered_tonnage": string(rec.GrossRegisteredTonnage), "vessel_flag": string(rec.VesselFlag),
		"vessel_owner": string(rec.VesselOwner), "remarks": rec.Remarks, "source_list_url": rec.SourceListURL,
		"alt_names": strings.Join(rec.AltNames, "; "), "citizenships": strings.Join(rec.Citizenships, "; "),
		"dates_of_birth": strings.Join(rec.DatesOfBirth, "; "), "nationalities": strings.Join(rec.Nationalities, "; "),
		"places_of_birth": strings.Join(rec.PlacesOfBirth, "; "), "source_information_url": rec.SourceInformationURL,
	}
	get := func(name string) string { return c.field(fmt.Sprintf("results[%d].%s", i, name), fields[name]) }
	e, perr := cslEntry(c, get, false)
	if perr != nil {
		perr.Field = fmt.Sprintf("results[%d].%s", i, perr.Field)
		return nil, perr
	}
	for _, a := range rec.Addresses {
		addr := Address{Street: c.field("address", a.Address), City: c.field("city", a.City), State: c.field("state", a.State),
			PostalCode: c.field("postal_code", a.PostalCode), CountryText: c.field("country", a.Country)}
		if addr == (Address{}) {
			continue
		}
		resolveAddress(&addr, c.rep)
		e.Addresses = append(e.Addresses, addr)
	}
	for _, id := range rec.IDs {
		e.IDs = append(e.IDs, Identifier{Type: c.field("type", id.Type), Value: c.field("number", string(id.Number)), Country: c.field("country", id.Country)})
	}
	return e, nil
}

// sniffCSLJSON detects the CSL JSON: the only format that starts with a
// JSON object.
func sniffCSLJSON(h *fileHead) (bool, error) { return h.lead == '{', nil }
