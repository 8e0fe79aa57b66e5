package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/mail"
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// maxForm is the largest sign-up form body accepted.
const maxForm = 16 << 10

// maxField is the longest value accepted in a form field, in characters.
const maxField = 200

// appConfig is what the sign-up app runs on.
type appConfig struct {
	Screener *screening.Screener
	// Locator locates clients for the gate; the Screener should use the
	// same one (screening.WithLocator).
	Locator *geoloc.Locator
	// Trusted are the networks of the reverse proxies in front of the app,
	// whose X-Forwarded-For and Forwarded headers are believed.
	Trusted []netip.Prefix
	Logger  *slog.Logger
	// Records keeps each decision (and opens the review cases) before the
	// applicant sees the result; nil records nothing.
	Records *records.Store
	// Now is the clock for the gate's as-of date (default time.Now).
	Now func() time.Time
}

type app struct {
	cfg     appConfig
	mux     *http.ServeMux
	metrics *service.Metrics
	handler http.Handler
}

// newApp returns the sign-up site: GET / shows the form, POST /signup
// locates the client (geoloc.Middleware with the trusted proxies), refuses
// embargoed and countries-of-concern locations with 451, and screens the
// rest.
func newApp(cfg appConfig) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	a := &app{cfg: cfg, mux: http.NewServeMux(), metrics: service.NewMetrics()}
	a.mux.HandleFunc("GET /{$}", a.form)
	located := geoloc.Middleware(cfg.Locator, cfg.Trusted, gate(cfg.Screener.Policy, cfg.Now, cfg.Logger))
	a.mux.Handle("POST /signup", located(http.HandlerFunc(a.signup)))
	a.mux.HandleFunc("GET /healthz", service.Healthz)
	a.mux.HandleFunc("GET /readyz", service.Readyz(a.readiness))
	a.mux.Handle("GET /metrics", a.metrics.Handler())
	a.metrics.DataAges(func() *screening.Screener { return cfg.Screener }, cfg.Now)
	a.handler = a.metrics.Instrument(a.mux)
	return a
}

// readiness reports why the gate should not get traffic: data older than
// the policy allows, or a records database it cannot reach.
func (a *app) readiness(ctx context.Context) []string {
	problems := service.StaleData(a.cfg.Screener, a.cfg.Now())
	if a.cfg.Records != nil {
		if err := a.cfg.Records.DB().PingContext(ctx); err != nil {
			problems = append(problems, "the records database cannot be reached: "+err.Error())
		}
	}
	return problems
}

// ServeHTTP serves the site with headers that keep pages self-contained.
func (a *app) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	a.handler.ServeHTTP(w, r)
}

// signupForm holds the fields as typed, and their problems.
type signupForm struct {
	Name, Company, Country, Email string
	Errors                        map[string]string
}

func (a *app) form(w http.ResponseWriter, _ *http.Request) {
	render(w, http.StatusOK, "form", signupForm{})
}

func (a *app) signup(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			render(w, http.StatusRequestEntityTooLarge, "form", signupForm{Errors: map[string]string{"form": "The form is too large."}})
			return
		}
		render(w, http.StatusBadRequest, "form", signupForm{Errors: map[string]string{"form": "The form could not be read."}})
		return
	}
	f := signupForm{
		Name:    strings.TrimSpace(r.PostForm.Get("name")),
		Company: strings.TrimSpace(r.PostForm.Get("company")),
		Country: strings.TrimSpace(r.PostForm.Get("country")),
		Email:   strings.TrimSpace(r.PostForm.Get("email")),
	}
	if f.validate(); len(f.Errors) > 0 {
		render(w, http.StatusBadRequest, "form", f)
		return
	}
	loc, _ := geoloc.FromContext(r.Context())
	req := screening.Request{
		ID:          "signup-" + newID(),
		Destination: f.Country, // where the service will be used
		IPs:         []string{loc.IP.String()},
		Parties: []screening.Party{
			{Role: screening.RoleAccountHolder, Name: f.Name, Type: "individual", Country: f.Country},
		},
	}
	if f.Company != "" {
		req.Parties = append(req.Parties, screening.Party{Role: screening.RoleAccountHolder, Name: f.Company, Type: "entity", Country: f.Country})
	}
	d, err := a.cfg.Screener.Screen(r.Context(), req)
	if err != nil {
		a.cfg.Logger.LogAttrs(r.Context(), slog.LevelError, "signup screening failed", slog.String("id", req.ID), slog.String("err", err.Error()))
		render(w, http.StatusServiceUnavailable, "unavailable", nil)
		return
	}
	// A field the Screener could not read is an input.invalid reason in a
	// review decision: the application waits for a person.
	if a.cfg.Records != nil {
		if _, err := a.cfg.Records.Append(r.Context(), records.Entry{Source: "signup", Request: req, Decision: d}); err != nil {
			a.cfg.Logger.LogAttrs(r.Context(), slog.LevelError, "signup decision not recorded; not answered", slog.String("id", req.ID), slog.String("err", err.Error()))
			render(w, http.StatusServiceUnavailable, "unavailable", nil)
			return
		}
	}
	a.metrics.Observe(d)
	codes := make([]string, len(d.Reasons))
	for i, rs := range d.Reasons {
		codes[i] = rs.Code + ":" + rs.Outcome
	}
	a.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "signup screened",
		slog.String("id", d.ID), slog.String("outcome", d.Outcome), slog.Any("reasons", codes),
		slog.String("ip", loc.IP.String()), slog.String("ip_country", loc.Country))
	page := resultPage{ID: d.ID, Name: f.Name}
	switch {
	case d.Outcome == "allow":
		render(w, http.StatusOK, "created", page)
	case d.Outcome == "review" || partyFinding(d):
		// A list match is never shown to the applicant (tipping off): the
		// entry is in the decision record and its case; the page says only
		// that the application needs review.
		render(w, http.StatusAccepted, "review", page)
	default: // deny, license_required for where the service would be used
		for _, rs := range d.Reasons {
			if rs.Outcome == "deny" || rs.Outcome == "license_required" {
				page.Reasons = append(page.Reasons, rs.Message)
			}
		}
		render(w, http.StatusForbidden, "refused", page)
	}
}

// partyFinding reports whether any reason that is not allow concerns a
// party: a list match, a listed parent or owner, a headquarters of
// concern. Their messages name list entries.
func partyFinding(d screening.Decision) bool {
	for _, rs := range d.Reasons {
		if strings.HasPrefix(rs.Code, "party.") && rs.Outcome != "allow" {
			return true
		}
	}
	return false
}

// validate fills f.Errors. The country must name one destination
// (rules.ResolveDestination: codes, and names in many languages).
func (f *signupForm) validate() {
	f.Errors = map[string]string{}
	for _, fld := range []struct{ key, val string }{{"name", f.Name}, {"company", f.Company}, {"country", f.Country}, {"email", f.Email}} {
		if utf8.RuneCountInString(fld.val) > maxField {
			f.Errors[fld.key] = "Too long: at most 200 characters."
		}
	}
	if f.Name == "" {
		f.Errors["name"] = "Please give your name."
	}
	if f.Country == "" {
		f.Errors["country"] = "Please give your country."
	} else if _, err := rules.ResolveDestination(f.Country); err != nil {
		var re *rules.ResolveError
		if errors.As(err, &re) && len(re.Candidates) > 0 {
			f.Errors["country"] = "Which one? " + candidates(re)
		} else {
			f.Errors["country"] = "Not a country we know; try its English name or ISO code."
		}
	}
	if f.Email == "" {
		f.Errors["email"] = "Please give your email address."
	} else if a, err := mail.ParseAddress(f.Email); err != nil || a.Address != f.Email {
		f.Errors["email"] = "Not an email address."
	}
}

func candidates(re *rules.ResolveError) string {
	names := make([]string, len(re.Candidates))
	for i, c := range re.Candidates {
		names[i] = c
		if d, err := rules.ResolveDestination(c); err == nil && d.Country.Name() != "" && !d.Region.IsValid() {
			names[i] = d.Country.Name() + " (" + c + ")"
		}
	}
	return strings.Join(names, ", ")
}

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// resultPage is what the result pages show.
type resultPage struct {
	ID      string
	Name    string
	Reasons []string
}

func render(w http.ResponseWriter, status int, name string, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := pages.ExecuteTemplate(w, name, data); err != nil {
		slog.Default().Error("rendering page", "page", name, "err", err)
	}
}

var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.}}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:34em;margin:3em auto;padding:0 1em;color:#222}
label{display:block;margin-top:1em;font-weight:600}
input{width:100%;padding:.4em;font:inherit;box-sizing:border-box}
.err{color:#a00;font-weight:normal}
button{margin-top:1.5em;padding:.5em 1.5em;font:inherit}
</style></head><body>{{end}}

{{define "foot"}}</body></html>{{end}}

{{define "form"}}{{template "head" "Sign up"}}
<h1>Create an account</h1>
{{with .Errors.form}}<p class="err" id="error">{{.}}</p>{{end}}
<form method="post" action="/signup">
<label for="name">Name {{with .Errors.name}}<span class="err">{{.}}</span>{{end}}</label>
<input id="name" name="name" value="{{.Name}}" required maxlength="200" autocomplete="name">
<label for="company">Company (optional) {{with .Errors.company}}<span class="err">{{.}}</span>{{end}}</label>
<input id="company" name="company" value="{{.Company}}" maxlength="200" autocomplete="organization">
<label for="country">Country {{with .Errors.country}}<span class="err">{{.}}</span>{{end}}</label>
<input id="country" name="country" value="{{.Country}}" required maxlength="200" autocomplete="country-name">
<label for="email">Email {{with .Errors.email}}<span class="err">{{.}}</span>{{end}}</label>
<input id="email" name="email" type="email" value="{{.Email}}" required maxlength="200" autocomplete="email">
<button id="submit" type="submit">Sign up</button>
</form>
<p><small>Your name, company, country and network address are screened against export-control
restrictions before the account is opened.</small></p>
{{template "foot"}}{{end}}

{{define "created"}}{{template "head" "Account created"}}
<h1 id="result">Account created</h1>
<p>Welcome, {{.Name}}. Your account is ready.</p>
<p><small>Reference {{.ID}}</small></p>
{{template "foot"}}{{end}}

{{define "review"}}{{template "head" "Application under review"}}
<h1 id="result">Your application is under review</h1>
<p>Thank you, {{.Name}}. We need to check a few details before we can open your account; we will
write to you by email.</p>
<p><small>Reference {{.ID}}</small></p>
{{template "foot"}}{{end}}

{{define "refused"}}{{template "head" "Application refused"}}
<h1 id="result">We cannot open an account for you</h1>
<p>Export-control regulations do not allow us to provide this service here:</p>
<ul id="reasons">{{range .Reasons}}<li>{{.}}</li>{{end}}</ul>
<p>If you believe this is wrong, contact support and quote reference {{.ID}}.</p>
{{template "foot"}}{{end}}

{{define "unavailable"}}{{template "head" "Try again later"}}
<h1 id="result">Please try again later</h1>
<p>Your application could not be checked just now.</p>
{{template "foot"}}{{end}}
`))
