package main

import (
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

//go:embed review/*.html
var reviewFS embed.FS

var reviewTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"pct":  func(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" },
	"when": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 MST") },
	"join": strings.Join,
}).ParseFS(reviewFS, "review/*.html"))

// reviewPages is the reviewer's web page: the queue with filters, a case
// with the decision's explanation, and the disposition form. It needs a
// reviewer token, given once on the login page and then kept in an
// HttpOnly, SameSite=Strict cookie; pages are self-contained (no scripts,
// no external assets).
type reviewPages struct {
	srv *server
}

func newReviewPages(srv *server) *reviewPages {
	p := &reviewPages{srv: srv}
	guard := func(h http.HandlerFunc) http.Handler {
		return srv.cfg.Tokens.Require(service.RoleReviewer, srv.log, p.refuse, p.sameOrigin(h))
	}
	srv.mux.Handle("GET /review/{$}", guard(p.queue))
	srv.mux.Handle("GET /review/cases/{id}", guard(p.showCase))
	srv.mux.Handle("POST /review/cases/{id}", guard(p.disposeForm))
	srv.mux.HandleFunc("GET /review/login", p.loginForm)
	srv.mux.Handle("POST /review/login", p.sameOrigin(p.login))
	srv.mux.HandleFunc("POST /review/logout", p.logout)
	srv.routes = append(srv.routes, "GET /review/{$}", "GET /review/cases/{id}", "POST /review/cases/{id}", "GET /review/login", "POST /review/login", "POST /review/logout")
	return p
}

func (p *reviewPages) render(w http.ResponseWriter, status int, name string, data any) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := reviewTemplates.ExecuteTemplate(w, name, data); err != nil {
		p.srv.log.Error("rendering the review page", "page", name, "err", err)
	}
}

// refuse shows the login page to a caller without a valid token.
func (p *reviewPages) refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p.render(w, status, "login.html", map[string]any{"Error": msg, "Next": r.URL.RequestURI()})
}

// sameOrigin refuses a POST whose Origin names another site; with the
// SameSite=Strict cookie it keeps other sites from submitting forms.
func (p *reviewPages) sameOrigin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			if o := r.Header.Get("Origin"); o != "" && o != "null" {
				u, err := url.Parse(o)
				if err != nil || u.Host != r.Host {
					p.srv.log.Warn("cross-origin form refused", "origin", o, "host", r.Host, "path", r.URL.Path)
					http.Error(w, "cross-origin form refused", http.StatusForbidden)
					return
				}
			}
		}
		h(w, r)
	}
}

func (p *reviewPages) loginForm(w http.ResponseWriter, r *http.Request) {
	p.render(w, http.StatusOK, "login.html", map[string]any{"Next": "/review/"})
}

func (p *reviewPages) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		p.render(w, http.StatusBadRequest, "login.html", map[string]any{"Error": "the form could not be read"})
		return
	}
	tok := strings.TrimSpace(r.PostForm.Get("token"))
	who, ok := p.srv.cfg.Tokens.Check(tok)
	if !ok {
		p.srv.log.Warn("unauthenticated request refused", "method", r.Method, "path", r.URL.Path, "remote", r.RemoteAddr, "why", "unknown token at login")
		p.render(w, http.StatusUnauthorized, "login.html", map[string]any{"Error": "that token is not valid"})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: service.SessionCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 12 * 3600})
	p.srv.log.Info("reviewer logged in", "who", who.Name, "remote", r.RemoteAddr)
	next := r.PostForm.Get("next")
	if !strings.HasPrefix(next, "/review/") || strings.HasPrefix(next, "//") {
		next = "/review/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (p *reviewPages) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: service.SessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	http.Redirect(w, r, "/review/login", http.StatusSeeOther)
}

// queueView is what the queue page shows.
type queueView struct {
	Who    string
	Filter map[string]string
	Cases  []records.Case
	Error  string
	Off    bool
}

func (p *reviewPages) queue(w http.ResponseWriter, r *http.Request) {
	who, _ := service.PrincipalFrom(r.Context())
	q := r.URL.Query()
	v := queueView{Who: who.Name, Filter: map[string]string{}}
	for _, k := range []string{"status", "outcome", "reason", "list", "older_than_days"} {
		v.Filter[k] = q.Get(k)
	}
	st := p.srv.cfg.Records
	if st == nil {
		v.Off = true
		p.render(w, http.StatusOK, "queue.html", v)
		return
	}
	f, err := caseFilter(q)
	if err == nil {
		v.Cases, err = st.Cases(r.Context(), f)
	}
	status := http.StatusOK
	if err != nil {
		v.Error, status = err.Error(), http.StatusBadRequest
	}
	p.render(w, status, "queue.html", v)
}

// caseView is what the case page shows.
type caseView struct {
	Who      string
	Case     records.Case
	Request  screening.Request
	Decision screening.Decision
	Error    string
	Notice   string
	Choices  []records.Disposition
}

func (p *reviewPages) loadCase(w http.ResponseWriter, r *http.Request) (caseView, bool) {
	who, _ := service.PrincipalFrom(r.Context())
	v := caseView{Who: who.Name, Choices: []records.Disposition{records.FalsePositive, records.ConfirmedMatch, records.LicenseObtained, records.Escalated}}
	st := p.srv.cfg.Records
	if st == nil {
		http.Error(w, errNoRecords.Error(), http.StatusNotFound)
		return v, false
	}
	id, err := caseID(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return v, false
	}
	c, err := st.CaseByID(r.Context(), id)
	if errors.Is(err, records.ErrNotFound) {
		http.Error(w, err.Error(), http.StatusNotFound)
		return v, false
	}
	if err == nil {
		v.Case = c
		v.Decision, err = c.Record.DecodeDecision()
	}
	if err == nil {
		v.Request, err = c.Record.DecodeRequest()
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return v, false
	}
	return v, true
}

func (p *reviewPages) showCase(w http.ResponseWriter, r *http.Request) {
	v, ok := p.loadCase(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("saved") != "" {
		v.Notice = "Disposition recorded."
	}
	p.render(w, http.StatusOK, "case.html", v)
}

func (p *reviewPages) disposeForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "the form could not be read", http.StatusBadRequest)
		return
	}
	id, err := caseID(r)
	if err != nil || p.srv.cfg.Records == nil {
		p.showCase(w, r)
		return
	}
	_, status, err := p.srv.disposeCase(r, p.srv.cfg.Records, id,
		dispositionRequest{Disposition: r.PostForm.Get("disposition"), Reason: strings.TrimSpace(r.PostForm.Get("reason"))})
	if err != nil {
		v, ok := p.loadCase(w, r)
		if !ok {
			return
		}
		v.Error = err.Error()
		p.render(w, status, "case.html", v)
		return
	}
	http.Redirect(w, r, "/review/cases/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
}
