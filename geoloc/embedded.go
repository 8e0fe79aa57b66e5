package geoloc

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"sync"
	"time"
)

//go:generate go run ./internal/gen -src ../testdata/ipcountry -out data/country.mmdb.gz -build-time 2026-06-17T19:51:00Z

// EmbeddedName is the DBInfo.Name and FieldSource.Database of the embedded
// default country database.
const EmbeddedName = "embedded:ip-country"

// embeddedGzip is the default country database: a MaxMind DB with records
// {"country_code": "XX"} generated from the geo-whois-asn-country ranges
// (ip-location-db; CC BY 4.0, data from the NRO, nro.net) and the
// iptoasn-country ranges (iptoasn.com via ip-location-db, PDDL-1.0) in
// testdata/ipcountry. Where the two disagree the record also carries
// "country_claims", each source's answer (Location.CountryClaims).
//
//go:embed data/country.mmdb.gz
var embeddedGzip []byte

// embeddedBytes decompresses the embedded database once per process.
var embeddedBytes = sync.OnceValues(func() ([]byte, error) {
	b, err := gunzip(embeddedGzip)
	if err != nil {
		return nil, fmt.Errorf("geoloc: embedded database: %w", err)
	}
	return b, nil
})

// gunzip decompresses gz into one buffer sized by the gzip trailer's ISIZE
// (the uncompressed size mod 2^32), instead of growing one: for the 8.6 MB
// embedded file growing allocated 23 MB.
func gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	var b []byte
	if n := len(gz); n >= 4 {
		b = make([]byte, 0, int(binary.LittleEndian.Uint32(gz[n-4:]))+bytes.MinRead)
	}
	buf := bytes.NewBuffer(b)
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// EmbeddedInfo describes the embedded default country database, including
// the as-of time of its source data (BuildTime), so that a decision made on
// it can say how old its data is.
func EmbeddedInfo() (DBInfo, error) {
	b, err := embeddedBytes()
	if err != nil {
		return DBInfo{}, err
	}
	d, err := source{name: EmbeddedName, bytes: b, embedded: true}.open(true)
	if err != nil {
		return DBInfo{}, err
	}
	defer d.file.close()
	return d.info, nil
}

// EmbeddedBuildTime returns the as-of time of the embedded database's
// source data (zero if it cannot be read).
func EmbeddedBuildTime() time.Time {
	info, _ := EmbeddedInfo()
	return info.BuildTime
}
