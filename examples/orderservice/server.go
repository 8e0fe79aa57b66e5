package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/records"
)

// server is the HTTP JSON API around one Screener.
type server struct {
	s   *screening.Screener
	cfg config
	log *slog.Logger
	mux *http.ServeMux

	// reloadMu lets one reload run at a time; a second gets 409.
	reloadMu sync.Mutex
	// locator is the Locator in use when the server built it (nil while
	// the Screener uses the embedded database or a Locator it does not
	// own). Guarded by reloadMu.
	locator *geoloc.Locator
	// inflight is held for reading by every Screen call. A reload that
	// replaced the Locator takes it for writing once, after the swap, so
	// the old Locator is closed only when no screening can still use it.
	inflight sync.RWMutex

	metrics *service.Metrics
	handler http.Handler // mux with metrics
	// routes are the patterns registered, for the OpenAPI check.
	routes []string
	review *reviewPages
}

// access is who may call an endpoint.
type access int

const (
	public access = iota
	reviewerOnly
	adminOnly
)

// newServer returns the service's handler. cfg names the paths /v1/reload
// reads, the limits, and the Locator s was built with if the server is to
// own it (close it when a reload replaces it, and on close).
func newServer(s *screening.Screener, cfg config, logger *slog.Logger) *server {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = defaultMaxBody
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = defaultMaxBatch
	}
	if cfg.Limits.IPs <= 0 {
		cfg.Limits.IPs = defaultMaxIPs
	}
	if cfg.Limits.Parties <= 0 {
		cfg.Limits.Parties = defaultMaxParties
	}
	if cfg.Limits.Items <= 0 {
		cfg.Limits.Items = defaultMaxItems
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	srv := &server{s: s, cfg: cfg, log: logger, mux: http.NewServeMux(), locator: cfg.Locator, metrics: service.NewMetrics()}
	srv.handle("POST /v1/screen", public, srv.screen)
	srv.handle("POST /v1/screen/batch", public, srv.batch)
	srv.handle("GET /v1/versions", public, srv.versions)
	srv.handle("GET /healthz", public, service.Healthz)
	srv.handle("GET /readyz", public, service.Readyz(srv.readiness))
	srv.handle("GET /openapi.json", public, serveOpenAPI)
	srv.handle("GET /metrics", public, srv.metrics.Handler().ServeHTTP)
	srv.handle("POST /v1/reload", adminOnly, srv.reload)
	srv.handle("GET /v1/records", reviewerOnly, srv.listRecords)
	srv.handle("GET /v1/records/verify", adminOnly, srv.verifyRecords)
	srv.handle("GET /v1/cases", reviewerOnly, srv.listCases)
	srv.handle("GET /v1/cases/{id}", reviewerOnly, srv.getCase)
	srv.handle("POST /v1/cases/{id}/disposition", reviewerOnly, srv.dispose)
	srv.review = newReviewPages(srv)
	srv.metrics.DataAges(func() *screening.Screener { return srv.s }, cfg.Now)
	if cfg.Records != nil {
		srv.metrics.Gauge("exportguard_review_queue_size", "Cases open or escalated in the review queue.", func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			n, err := cfg.Records.QueueSize(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		})
	}
	srv.handler = srv.metrics.Instrument(srv.mux)
	return srv
}

// handle registers h under pattern for callers with access a.
func (srv *server) handle(pattern string, a access, h http.HandlerFunc) {
	srv.routes = append(srv.routes, pattern)
	var hh http.Handler = h
	switch a {
	case reviewerOnly:
		hh = srv.cfg.Tokens.Require(service.RoleReviewer, srv.log, nil, h)
	case adminOnly:
		hh = srv.cfg.Tokens.Require(service.RoleAdmin, srv.log, nil, h)
	}
	srv.mux.Handle(pattern, hh)
}

// readiness reports why the service should not get traffic: data older
// than the policy allows, or a records database it cannot reach.
func (srv *server) readiness(ctx context.Context) []string {
	problems := service.StaleData(srv.s, srv.cfg.Now())
	if srv.cfg.Records != nil {
		if err := srv.cfg.Records.DB().PingContext(ctx); err != nil {
			problems = append(problems, "the records database cannot be reached: "+err.Error())
		}
	}
	return problems
}

// ServeHTTP serves the API and logs one line per request.
func (srv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	srv.handler.ServeHTTP(rec, r)
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
		slog.String("remote", r.RemoteAddr), slog.Duration("duration", time.Since(start)))
}

// close commits the decision records still queued and closes the records
// store and the Locator the server owns. Call it after the HTTP server has
// shut down.
func (srv *server) close() error {
	srv.reloadMu.Lock()
	defer srv.reloadMu.Unlock()
	var errs []error
	if srv.cfg.Records != nil {
		errs = append(errs, srv.cfg.Records.Close())
	}
	if srv.locator != nil {
		errs = append(errs, srv.locator.Close())
		srv.locator = nil
	}
	return errors.Join(errs...)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *statusRecorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// fieldError is one request field that Screen could not read.
type fieldError struct {
	Field   string `json:"field"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// screenResponse is the 422 body for a request with unreadable fields: the
// fail-closed review decision, and what was wrong with which field.
type screenResponse struct {
	Decision screening.Decision `json:"decision"`
	Errors   []fieldError       `json:"errors"`
}

// errorResponse is the body of every other error.
type errorResponse struct {
	Error string `json:"error"`
	// Errors are the field-level problems of a body that could not be
	// decoded (400).
	Errors []*BodyError `json:"errors,omitempty"`
	// Details are the individual problems of a failed reload.
	Details []string `json:"details,omitempty"`
	// Versions are the data still in use after a failed reload.
	Versions *screening.Versions `json:"versions,omitempty"`
}

func (srv *server) screen(w http.ResponseWriter, r *http.Request) {
	var req screening.Request
	if !srv.readJSON(w, r, &req) {
		return
	}
	if err := srv.cfg.Limits.check(req, -1); err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{Error: err.Error()})
		return
	}
	d, err := srv.screenOne(r.Context(), req)
	if err != nil {
		srv.screenFailed(w, r, err)
		return
	}
	ferrs := fieldErrors(d)
	if err := srv.record(r.Context(), req, d); err != nil {
		srv.recordFailed(w, r, err)
		return
	}
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "screened",
		slog.String("id", d.ID), slog.String("outcome", d.Outcome), slog.Int("reasons", len(d.Reasons)),
		slog.Int("invalid_fields", len(ferrs)))
	if ferrs != nil {
		writeJSON(w, http.StatusUnprocessableEntity, screenResponse{Decision: d, Errors: ferrs})
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (srv *server) batch(w http.ResponseWriter, r *http.Request) {
	var reqs []screening.Request
	if !srv.readJSON(w, r, &reqs) {
		return
	}
	if len(reqs) > srv.cfg.MaxBatch {
		writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{
			Error: fmt.Sprintf("the batch holds %d requests; at most %d are accepted", len(reqs), srv.cfg.MaxBatch)})
		return
	}
	for i, req := range reqs {
		if err := srv.cfg.Limits.check(req, i); err != nil {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{Error: err.Error()})
			return
		}
	}
	out := make([]screening.Decision, len(reqs))
	counts := map[string]int{}
	for i, req := range reqs {
		d, err := srv.screenOne(r.Context(), req)
		if err != nil {
			srv.screenFailed(w, r, err)
			return
		}
		if ferrs := fieldErrors(d); ferrs != nil {
			// The decision stays the fail-closed review; Error names the
			// fields, as in batch records of the audit contract.
			d.Error = fmt.Sprintf("request %d: %v", i, joinFieldErrors(ferrs))
		}
		out[i] = d
		counts[d.Outcome]++
	}
	if err := srv.recordAll(r.Context(), reqs, out); err != nil {
		srv.recordFailed(w, r, err)
		return
	}
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "screened batch",
		slog.Int("requests", len(reqs)), slog.Any("outcomes", counts))
	writeJSON(w, http.StatusOK, out)
}

// screenOne screens req while holding the in-flight lock, so a reload does
// not close a Locator this screening may still read.
func (srv *server) screenOne(ctx context.Context, req screening.Request) (screening.Decision, error) {
	srv.inflight.RLock()
	defer srv.inflight.RUnlock()
	d, err := srv.s.Screen(ctx, req)
	if err == nil || ctx.Err() == nil {
		srv.metrics.Observe(d)
	}
	return d, err
}

// record stores d before it is answered: a decision the client sees is a
// decision on record.
func (srv *server) record(ctx context.Context, req screening.Request, d screening.Decision) error {
	if srv.cfg.Records == nil {
		return nil
	}
	_, err := srv.cfg.Records.Append(ctx, records.Entry{Source: "orderservice", Request: req, Decision: d})
	return err
}

// recordAll records a batch's decisions concurrently, so they share
// commits.
func (srv *server) recordAll(ctx context.Context, reqs []screening.Request, ds []screening.Decision) error {
	if srv.cfg.Records == nil {
		return nil
	}
	errs := make([]error, len(ds))
	var wg sync.WaitGroup
	for i := range ds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = srv.record(ctx, reqs[i], ds[i])
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// recordFailed answers a decision that could not be recorded: it is not
// given to the client, who may retry.
func (srv *server) recordFailed(w http.ResponseWriter, r *http.Request, err error) {
	srv.log.LogAttrs(r.Context(), slog.LevelError, "decision not recorded; not answered", slog.String("err", err.Error()))
	writeJSON(w, http.StatusServiceUnavailable, errorResponse{Error: "the decision could not be recorded, so it is not given; retry: " + err.Error()})
}

// screenFailed answers a screening that produced no decision: the client
// went away or the server is shutting down.
func (srv *server) screenFailed(w http.ResponseWriter, r *http.Request, err error) {
	srv.log.LogAttrs(r.Context(), slog.LevelWarn, "screening failed", slog.String("err", err.Error()))
	writeJSON(w, http.StatusServiceUnavailable, errorResponse{Error: "screening did not complete: " + err.Error()})
}

// fieldErrors returns the fields of the request that d's input.invalid
// reasons name, or nil when there are none.
func fieldErrors(d screening.Decision) []fieldError {
	var out []fieldError
	for _, re := range d.InputErrors() {
		out = append(out, fieldError{Field: re.Field, Value: re.Value, Message: re.Msg})
	}
	return out
}

func joinFieldErrors(fs []fieldError) error {
	errs := make([]error, len(fs))
	for i, f := range fs {
		errs[i] = fmt.Errorf("field %s: %s %q", f.Field, f.Message, f.Value)
	}
	return errors.Join(errs...)
}

// readJSON reads the body (at most cfg.MaxBody bytes) and decodes it
// strictly into v. On failure it has written the error response: 413 for
// an oversize body, 415 for a body that is declared as something other
// than JSON, 400 with field-level errors for anything that is not a valid
// value of v's type.
func (srv *server) readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		writeJSON(w, http.StatusUnsupportedMediaType, errorResponse{Error: fmt.Sprintf("Content-Type %q: want application/json", ct)})
		return false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, srv.cfg.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{
				Error: fmt.Sprintf("the body is larger than %d bytes", mbe.Limit)})
			return false
		}
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: "reading the body: " + err.Error()})
		return false
	}
	if err := decodeStrict(body, v); err != nil {
		var be *BodyError
		errors.As(err, &be)
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: "the body is not a valid request: " + be.Error(), Errors: []*BodyError{be}})
		return false
	}
	return true
}

func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func (srv *server) reload(w http.ResponseWriter, r *http.Request) {
	if !srv.reloadMu.TryLock() {
		writeJSON(w, http.StatusConflict, errorResponse{Error: errReloadBusy.Error()})
		return
	}
	defer srv.reloadMu.Unlock()
	start := time.Now()
	fail := func(status int, msg string, err error) {
		v := srv.s.Versions()
		srv.log.LogAttrs(r.Context(), slog.LevelError, "reload failed; keeping the data in use", slog.String("err", err.Error()))
		writeJSON(w, status, errorResponse{Error: msg, Details: errorList(err), Versions: &v})
	}
	data, err := load(r.Context(), srv.cfg, srv.log)
	if err != nil {
		fail(http.StatusInternalServerError, "reload failed: the configured data could not be loaded; the previous data stays in use", err)
		return
	}
	oldLists := srv.s.Lists()
	// A list that lost more than 10% of a source since the last load is
	// more likely a broken file than delistings: refuse it.
	if err := srv.s.Reload(r.Context(), append(data.opts, screening.WithMaxListShrink(0.10))...); err != nil {
		if data.locator != nil {
			_ = data.locator.Close()
		}
		if errors.Is(err, lists.ErrShrink) {
			fail(http.StatusUnprocessableEntity, "reload refused: a list shrank by more than 10%; the previous data stays in use", err)
			return
		}
		fail(http.StatusInternalServerError, "reload failed: the Screener refused the new data; the previous data stays in use", err)
		return
	}
	if data.locator != nil {
		old := srv.locator
		srv.locator = data.locator
		if old != nil {
			// Every screening that started before the swap holds the
			// read lock; once the write lock is ours they are done.
			srv.inflight.Lock()
			srv.inflight.Unlock() //nolint:staticcheck // an empty critical section is the barrier
			if err := old.Close(); err != nil {
				srv.log.Warn("closing the replaced geolocation databases", "err", err)
			}
		}
	}
	reopened := srv.reopen(r.Context(), oldLists, data.lists)
	v := srv.s.Versions()
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "reloaded", slog.Int("cases_reopened", len(reopened)),
		slog.String("policy", v.Policy), slog.Int("lists", len(v.Lists)), slog.Int("geo_dbs", len(v.GeoDBs)),
		slog.Duration("took", time.Since(start)))
	writeJSON(w, http.StatusOK, v)
}

// reopen reopens the closed cases whose list entries the update removed or
// changed. A failure is logged, not fatal: the data is already swapped.
func (srv *server) reopen(ctx context.Context, old, new *lists.Snapshot) []int64 {
	if srv.cfg.Records == nil || new == nil || old == nil {
		return nil
	}
	changed := records.ChangedEntries(lists.Diff(old, new))
	ids, err := srv.cfg.Records.Reopen(ctx, changed)
	if err != nil {
		srv.log.Error("reopening the cases of changed list entries failed", "entries", len(changed), "err", err)
	}
	return ids
}

func (srv *server) versions(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, srv.s.Versions())
}

// writeJSON writes v as compact JSON (indenting took 8% of the CPU of a
// recorded order; pipe through jq to read it).
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
