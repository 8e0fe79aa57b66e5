package geoloc

import (
	"net/netip"
	"time"

	"github.com/oschwald/maxminddb-golang/v2"
)

// mmdbFile is an open MaxMind DB file. It is the one place that uses the
// reader library: formats see records only through record.
type mmdbFile struct {
	r *maxminddb.Reader
}

// openMMDB opens the file at path, or b if path is "".
func openMMDB(path string, b []byte) (*mmdbFile, error) {
	var (
		r   *maxminddb.Reader
		err error
	)
	if path != "" {
		r, err = maxminddb.Open(path)
	} else {
		r, err = maxminddb.OpenBytes(b)
	}
	if err != nil {
		return nil, err
	}
	return &mmdbFile{r: r}, nil
}

// databaseType is the database_type of the metadata.
func (f *mmdbFile) databaseType() string { return f.r.Metadata.DatabaseType }

// buildTime is the build time of the metadata, in UTC.
func (f *mmdbFile) buildTime() time.Time { return f.r.Metadata.BuildTime().UTC() }

// verify runs the MaxMind DB verifier over the whole file.
func (f *mmdbFile) verify() error {
	// The verifier insists on a non-empty description, which third-party
	// databases (ip-location-db) omit. It is informational only, so stand
	// one in for the check.
	desc := f.r.Metadata.Description
	if len(desc) == 0 {
		f.r.Metadata.Description = map[string]string{"en": "(no description)"}
	}
	err := f.r.Verify()
	f.r.Metadata.Description = desc
	return err
}

func (f *mmdbFile) close() error { return f.r.Close() }

// lookup finds addr. It returns the record (valid if found) and the
// network the answer holds for.
func (f *mmdbFile) lookup(addr netip.Addr) (rec record, network netip.Prefix, found bool, err error) {
	if addr.Is6() && f.r.Metadata.IPVersion == 4 {
		// An IPv4-only database (ip-location-db ships IPv4 and IPv6
		// files apart) has no record for an IPv6 address and says nothing
		// about its network.
		return record{}, netip.Prefix{}, false, nil
	}
	res := f.r.Lookup(addr)
	if err := res.Err(); err != nil {
		return record{}, netip.Prefix{}, false, err
	}
	return record{res}, res.Prefix(), res.Found(), nil
}

// record is one found record of a MaxMind DB.
type record struct {
	res maxminddb.Result
}

// offset identifies the record in its file: records are deduplicated, so
// equal offsets mean equal records.
func (r record) offset() uintptr { return r.res.Offset() }

// decode decodes the record into v, a pointer to a struct whose fields carry
// `maxminddb:"key"` tags; fields without a key in the record are left alone.
func (r record) decode(v any) error { return r.res.Decode(v) }
