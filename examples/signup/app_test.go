package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// MaxMind's test databases (testdata/mmdb/PROVENANCE.md): fictional data
// with known records, e.g. Crimea at 1.231.232.0/24 (UA-43) and anonymizer
// flags on 81.2.69.0/24.
const (
	testEnterprise = "../../testdata/mmdb/GeoIP2-Enterprise-Test.mmdb"
	testAnonymous  = "../../testdata/mmdb/GeoIP2-Anonymous-IP-Test.mmdb"
)

// ourProxies are the trusted reverse proxies of the test deployment.
var ourProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}

// syncBuffer is a log sink the handlers write to concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(io.Discard, nil))
}

type testApp struct {
	h   http.Handler
	log *syncBuffer
}

func buildApp(geoPaths ...string) (testApp, error) {
	buf := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(buf, nil))
	s, loc, err := open(context.Background(), service.Data{GeoIPPaths: geoPaths}, logger)
	if err != nil {
		return testApp{}, err
	}
	return testApp{h: newApp(appConfig{Screener: s, Locator: loc, Trusted: ourProxies, Logger: logger}), log: buf}, nil
}

// The embedded data (country database and evaluation list snapshot) and
// MaxMind's test databases; each built once, since the name index takes
// most of a second.
var (
	embeddedApp = sync.OnceValues(func() (testApp, error) { return buildApp() })
	maxmindApp  = sync.OnceValues(func() (testApp, error) { return buildApp(testEnterprise, testAnonymous) })
)

func get(t *testing.T, f func() (testApp, error)) testApp {
	t.Helper()
	a, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func post(h http.Handler, remote string, header http.Header, form url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", "/signup", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range header {
		for _, v := range vs {
			r.Header.Add(k, v)
		}
	}
	r.RemoteAddr = remote
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func person(country string) url.Values {
	return url.Values{"name": {"Jane Miller"}, "company": {""}, "country": {country}, "email": {"jane@example.com"}}
}

func TestForm(t *testing.T) {
	a := get(t, embeddedApp)
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	for _, want := range []string{`<form method="post" action="/signup">`, `name="name"`, `name="company"`, `name="country"`, `name="email"`, `type="submit"`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("form lacks %s", want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP %q", csp)
	}
	w = httptest.NewRecorder()
	a.h.ServeHTTP(w, httptest.NewRequest("GET", "/signup", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /signup: %d, want 405", w.Code)
	}
}

func TestSignup(t *testing.T) {
	const (
		created  = "Account created"
		review   = "Your application is under review"
		refused  = "We cannot open an account for you"
		embargo  = "Unavailable For Legal Reasons: sign-ups are not accepted from Iran, Islamic Republic of (IR), which is under a comprehensive embargo (ear_embargo_e1_e2; "
		iranAddr = "Your network address 5.160.0.1 is located there by the geolocation data (embedded:ip-country, built "
	)
	xff := func(v string) http.Header { return http.Header{"X-Forwarded-For": {v}} }
	tests := []struct {
		name    string
		app     func() (testApp, error)
		remote  string
		header  http.Header
		form    url.Values
		status  int
		want    []string // in the body
		notWant []string // not in the body
		log     []string // in the log line of the screening
	}{
		{
			// 8.8.0.0/15 is US in the embedded iptoasn data.
			name: "allowed address, declared US", app: embeddedApp, remote: "8.8.8.8:1234", form: person("United States"),
			status: 200, want: []string{created, "Welcome, Jane Miller."},
			log: []string{`"outcome":"allow"`, `"ip":"8.8.8.8"`, `"ip_country":"US"`},
		},
		{
			// 5.160.0.0/16 is Iranian (iptoasn; AS 58224, TCI).
			name: "blocked address", app: embeddedApp, remote: "5.160.0.1:1234", form: person("Germany"),
			status: 451, want: []string{embargo, "15 CFR 746.7", iranAddr},
			log: []string{`"msg":"signup refused by location","ip":"5.160.0.1","ip_country":"IR"`},
		},
		{
			name: "X-Forwarded-For from an untrusted peer is ignored", app: embeddedApp, remote: "8.8.8.8:1234",
			header: xff("5.160.0.1"), form: person("US"),
			status: 200, want: []string{created}, log: []string{`"ip":"8.8.8.8"`},
		},
		{
			name: "Forwarded from an untrusted peer is ignored", app: embeddedApp, remote: "5.160.0.1:1234",
			header: http.Header{"Forwarded": {"for=8.8.8.8"}}, form: person("US"),
			status: 451, want: []string{embargo},
		},
		{
			name: "trusted proxy: its X-Forwarded-For is the client", app: embeddedApp, remote: "10.0.0.5:443",
			header: xff("5.160.0.1"), form: person("Germany"),
			status: 451, want: []string{embargo, iranAddr},
		},
		{
			name: "trusted proxy: a client-written hop left of the proxy's is not believed", app: embeddedApp, remote: "10.0.0.5:443",
			header: xff("5.160.0.1, 8.8.8.8"), form: person("US"),
			status: 200, want: []string{created}, log: []string{`"ip":"8.8.8.8"`},
		},
		{
			name: "trusted proxy chain", app: embeddedApp, remote: "10.0.0.5:443",
			header: xff("5.160.0.1, 10.1.2.3"), form: person("Germany"),
			status: 451, want: []string{embargo},
		},
		{
			name: "trusted proxy with an unreadable hop", app: embeddedApp, remote: "10.0.0.5:443",
			header: xff("unknown"), form: person("US"),
			status: 400, want: []string{"Bad Request: the client address could not be determined."},
		},
		{
			// 1.2.4.0/24 is CNNIC's public DNS, in China.
			name: "country of concern", app: embeddedApp, remote: "1.2.4.8:1234", form: person("China"),
			status: 451, want: []string{"Unavailable For Legal Reasons: sign-ups are not accepted from China (CN), which is a country of concern under this service's export-control policy (", "ear_d5_plus_macau"},
		},
		{
			// 175.45.176.0/22 is Star JV, North Korea.
			name: "embargoed country", app: embeddedApp, remote: "175.45.176.1:1234", form: person("KP"),
			status: 451, want: []string{"Unavailable For Legal Reasons: sign-ups are not accepted from Korea, Democratic People's Republic of (KP), which is under a comprehensive embargo (ear_embargo_e1_e2; 15 CFR 746.4 (North Korea))."},
		},
		{
			// Entity List, 84 FR 22963 (2019-05-21).
			name: "listed company", app: embeddedApp, remote: "8.8.8.8:1234",
			form: url.Values{"name": {"Jane Miller"}, "company": {"Huawei Technologies Co., Ltd."}, "country": {"US"}, "email": {"jane@example.com"}},
			// The entry is not shown (tipping off): the page says only
			// that the application is reviewed.
			status: 202, want: []string{review}, notWant: []string{"Huawei", "EL", "Entity List", refused},
			log: []string{`"outcome":"license_required"`, `"party.listed:license_required"`},
		},
		{
			// A client address that is not on the public internet (a
			// proxy missing from the trusted ones): the sign-up profile
			// reviews it instead of opening the account unchecked.
			name: "address that is not routable", app: embeddedApp, remote: "192.168.1.20:5555", form: person("US"),
			status: 202, want: []string{review}, log: []string{`"outcome":"review"`, `"ip.not_routable:review"`},
		},
		{
			name: "declared country differs from the address", app: embeddedApp, remote: "8.8.8.8:1234", form: person("Germany"),
			status: 202, want: []string{review}, log: []string{`"outcome":"review"`, `"ip.country_mismatch:review"`},
		},
		{
			// MaxMind's Enterprise test data: 1.231.232.0/24 is UA-43.
			name: "sanctioned region", app: maxmindApp, remote: "1.231.232.1:1234", form: person("Ukraine"),
			status: 451, want: []string{"Unavailable For Legal Reasons: sign-ups are not accepted from Avtonomna Respublika Krym (UA-43), which is under a comprehensive embargo (ear_region_embargo_746_6; 15 CFR 746.6(a)(1); E.O. 13685 of 2014-12-19 (Crimea region)).", "GeoIP2-Enterprise-Test.mmdb"},
		},
		{
			// MaxMind's Anonymous IP test data flags 81.2.69.0/24 as VPN,
			// Tor exit, hosting and proxy; the Enterprise data places it
			// in GB.
			name: "anonymizer address is reviewed", app: maxmindApp, remote: "81.2.69.160:1234", form: person("United Kingdom"),
			status: 202, want: []string{review},
			log: []string{`"outcome":"review"`, `"ip.anonymizer:review"`, `"ip_country":"GB"`},
		},
		{
			// 216.160.83.56 is US-WA in MaxMind's test data, no
			// anonymizer flags; but the test databases are older than
			// the default policy allows (fail closed).
			name: "stale geolocation data", app: maxmindApp, remote: "216.160.83.56:1234", form: person("USA"),
			status: 202, want: []string{review}, log: []string{`"outcome":"review"`, `"data.stale:review"`, `"ip_country":"US"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := get(t, tc.app)
			before := len(a.log.String())
			w := post(a.h, tc.remote, tc.header, tc.form)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d:\n%s\nlog: %s", w.Code, tc.status, w.Body, a.log.String()[before:])
			}
			for _, s := range tc.want {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("body lacks %q:\n%s", s, w.Body)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(w.Body.String(), s) {
					t.Errorf("body shows %q:\n%s", s, w.Body)
				}
			}
			logged := a.log.String()[before:]
			for _, s := range tc.log {
				if !strings.Contains(logged, s) {
					t.Errorf("log lacks %s:\n%s", s, logged)
				}
			}
		})
	}
}

func TestSignupFormErrors(t *testing.T) {
	a := get(t, embeddedApp)
	tests := []struct {
		name string
		form url.Values
		want []string
	}{
		{"empty", url.Values{}, []string{"Please give your name.", "Please give your country.", "Please give your email address."}},
		{"unknown country", url.Values{"name": {"Jane Miller"}, "country": {"Narnia"}, "email": {"jane@example.com"}},
			[]string{"Not a country we know; try its English name or ISO code.", `value="Narnia"`}},
		{"ambiguous country", url.Values{"name": {"Jane Miller"}, "country": {"Korea"}, "email": {"jane@example.com"}},
			[]string{"Which one? "}},
		{"bad email", url.Values{"name": {"Jane Miller"}, "country": {"US"}, "email": {"Jane <jane@example.com>"}},
			[]string{"Not an email address."}},
		{"too long", url.Values{"name": {strings.Repeat("n", 201)}, "country": {"US"}, "email": {"jane@example.com"}},
			[]string{"Too long: at most 200 characters."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := post(a.h, "8.8.8.8:1234", nil, tc.form)
			if w.Code != 400 {
				t.Fatalf("status %d, want 400", w.Code)
			}
			for _, s := range tc.want {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("body lacks %q:\n%s", s, w.Body)
				}
			}
		})
	}
	w := post(a.h, "8.8.8.8:1234", nil, url.Values{"name": {strings.Repeat("x", maxForm)}})
	if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(w.Body.String(), "The form is too large.") {
		t.Errorf("oversize form: %d", w.Code)
	}
}

func TestGate(t *testing.T) {
	p := rules.Default() // what the Screener of the app uses without -policy
	ip := netip.MustParseAddr("203.0.113.9")
	tests := []struct {
		name string
		loc  geoloc.Location
		want string // "" for not blocked
	}{
		{"Crimea as MaxMind writes it", geoloc.Location{IP: ip, Found: true, Country: "UA", Subdivisions: []string{"UA-43"}},
			"sign-ups are not accepted from Avtonomna Respublika Krym (UA-43), which is under a comprehensive embargo (ear_region_embargo_746_6; "},
		{"Crimea as Russian data writes it", geoloc.Location{IP: ip, Found: true, Country: "RU", Subdivisions: []string{"RU-CR"}},
			"sign-ups are not accepted from Avtonomna Respublika Krym (UA-43), which is under a comprehensive embargo (ear_region_embargo_746_6; "},
		{"Sevastopol", geoloc.Location{IP: ip, Found: true, Country: "RU", Subdivisions: []string{"RU-SEV"}},
			"sign-ups are not accepted from Sevastopol (UA-40), which is under a comprehensive embargo (ear_region_embargo_746_6; "},
		{"Kyiv", geoloc.Location{IP: ip, Found: true, Country: "UA", Subdivisions: []string{"UA-30"}}, ""},
		{"North Korea", geoloc.Location{IP: ip, Found: true, Country: "KP"},
			"sign-ups are not accepted from Korea, Democratic People's Republic of (KP), which is under a comprehensive embargo (ear_embargo_e1_e2; 15 CFR 746.4 (North Korea))."},
		{"Macau", geoloc.Location{IP: ip, Found: true, Country: "MO"},
			"sign-ups are not accepted from Macao (MO), which is a country of concern under this service's export-control policy (chips_act_foreign_country_of_concern, doj_data_security_28_cfr_202_601, ear_d5_plus_macau, icts_foreign_adversaries_15_cfr_791_4; "},
		{"Germany", geoloc.Location{IP: ip, Found: true, Country: "DE", Subdivisions: []string{"DE-BE"}}, ""},
		// 31.58.181.80 in the embedded database: KP by geo-whois-asn-country, US by iptoasn-country.
		{"North Korea disputed", geoloc.Location{IP: ip, Found: true, Country: "KP", CountryClaims: []geoloc.CountryClaim{
			{Source: "geo-whois-asn-country", Country: "KP"}, {Source: "iptoasn-country", Country: "US"}}}, ""},
		{"not found", geoloc.Location{IP: ip}, ""},
		{"not routable", geoloc.Location{IP: netip.MustParseAddr("10.1.1.1"), NotRoutable: "private"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			why, blocked := blockReason(p, tc.loc, p.AsOf())
			if blocked != (tc.want != "") || !strings.Contains(why, tc.want) {
				t.Errorf("blockReason = %v %q, want %q", blocked, why, tc.want)
			}
		})
	}
}

func TestParsePrefixes(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"10.0.0.0/8", "10.0.0.0/8", ""},
		{"10.0.0.0/8, 2001:db8::/32 203.0.113.7", "10.0.0.0/8,2001:db8::/32,203.0.113.7/32", ""},
		{"::ffff:192.0.2.1", "192.0.2.1/32", ""},
		{"2001:db8::1", "2001:db8::1/128", ""},
		{"::ffff:10.0.0.0/104", "10.0.0.0/8", ""},
		{"::ffff:0.0.0.0/95", "", `trusted proxy "::ffff:0.0.0.0/95": host bits set (did you mean ::fffe:0:0/95?)`},
		{"", "", ""},
		{"10.0.0.1/8", "", `trusted proxy "10.0.0.1/8": host bits set (did you mean 10.0.0.0/8?)`},
		{"10.0.0.0/33", "", `trusted proxy "10.0.0.0/33": netip.ParsePrefix("10.0.0.0/33"): prefix length out of range`},
		{"proxy.example.com", "", `trusted proxy "proxy.example.com": want a CIDR prefix or an IP address: ParseAddr("proxy.example.com"): unexpected character (at "proxy.example.com")`},
		{"fe80::1%eth0", "", `trusted proxy "fe80::1%eth0": zones are not allowed`},
	}
	for _, tc := range tests {
		got, err := parsePrefixes(tc.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if gotErr != tc.err {
			t.Errorf("parsePrefixes(%q) error %q, want %q", tc.in, gotErr, tc.err)
			continue
		}
		l := prefixList(got)
		if l.String() != tc.want {
			t.Errorf("parsePrefixes(%q) = %s, want %s", tc.in, l.String(), tc.want)
		}
	}
}

// Each sign-up decision is recorded before the applicant sees it; a
// listed company opens a review case that names the entry, while the page
// names none.
func TestSignupRecordsDecisions(t *testing.T) {
	ctx := context.Background()
	st, err := records.Open(ctx, "sqlite:"+t.TempDir()+"/records.db", records.WithLogger(quietLogger()))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, loc, err := open(ctx, service.Data{}, quietLogger())
	if err != nil {
		t.Fatal(err)
	}
	defer loc.Close()
	h := newApp(appConfig{Screener: s, Locator: loc, Logger: quietLogger(), Records: st})
	form := url.Values{"name": {"Jane Miller"}, "company": {"Huawei Technologies Co., Ltd."}, "country": {"US"}, "email": {"jane@example.com"}}
	if w := post(h, "8.8.8.8:1234", nil, form); w.Code != http.StatusAccepted || strings.Contains(w.Body.String(), "Huawei") {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	cases, err := st.Cases(ctx, records.CaseFilter{Status: "queue", List: "EL"})
	if err != nil || len(cases) != 1 || cases[0].Outcome != "license_required" {
		t.Fatalf("cases %+v, %v", cases, err)
	}
	c, err := st.CaseByID(ctx, cases[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := c.Record.DecodeDecision()
	named := slices.ContainsFunc(d.Matches, func(m screening.MatchRecord) bool {
		return m.List == "EL" && m.EntryName == "Huawei Technologies Co., Ltd."
	})
	if c.Record.Source != "signup" || !named {
		t.Errorf("record %s: matches %+v", c.Record.Source, d.Matches)
	}
	// A store that cannot record: the applicant is asked to come back.
	st.Close()
	if w := post(h, "8.8.8.8:1234", nil, person("US")); w.Code != http.StatusServiceUnavailable {
		t.Errorf("unrecorded: %d %s", w.Code, w.Body)
	}
}

// The gate serves /healthz, /readyz and /metrics like the order service.
// On the embedded evaluation data it is not ready: the lists are older
// than the policy allows.
func TestHealthReadinessMetrics(t *testing.T) {
	a := get(t, embeddedApp)
	get := func(path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		return w
	}
	if w := get("/healthz"); w.Code != 200 || w.Body.String() != `{"status":"ok"}`+"\n" {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	w := get("/readyz")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), `"list SDN is `) || !strings.Contains(w.Body.String(), `(as of 2024-05-03); the policy allows 7"`) {
		t.Errorf("readyz on evaluation data: %d %s", w.Code, w.Body)
	}
	post(a.h, "8.8.8.8:1234", nil, person("United States"))
	w = get("/metrics")
	for _, want := range []string{`exportguard_decisions_total{outcome="allow"}`, `exportguard_list_age_seconds{source="SDN"}`,
		`exportguard_http_request_duration_seconds_count{method="POST",route="POST /signup",status="200"}`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
