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

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/screening"
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
}

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
	srv := &server{s: s, cfg: cfg, log: logger, mux: http.NewServeMux(), locator: cfg.Locator}
	srv.mux.HandleFunc("POST /v1/screen", srv.screen)
	srv.mux.HandleFunc("POST /v1/screen/batch", srv.batch)
	srv.mux.HandleFunc("POST /v1/reload", srv.reload)
	srv.mux.HandleFunc("GET /v1/versions", srv.versions)
	srv.mux.HandleFunc("GET /healthz", srv.healthz)
	return srv
}

// ServeHTTP serves the API and logs one line per request.
func (srv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	srv.mux.ServeHTTP(rec, r)
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.Int("status", rec.status), slog.Int64("bytes", rec.bytes),
		slog.String("remote", r.RemoteAddr), slog.Duration("duration", time.Since(start)))
}

// close closes the Locator the server owns. Call it after the HTTP server
// has shut down.
func (srv *server) close() error {
	srv.reloadMu.Lock()
	defer srv.reloadMu.Unlock()
	if srv.locator == nil {
		return nil
	}
	err := srv.locator.Close()
	srv.locator = nil
	return err
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
	d, err := srv.screenOne(r.Context(), req)
	if err != nil {
		srv.screenFailed(w, r, err)
		return
	}
	ferrs := fieldErrors(d)
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
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "screened batch",
		slog.Int("requests", len(reqs)), slog.Any("outcomes", counts))
	writeJSON(w, http.StatusOK, out)
}

// screenOne screens req while holding the in-flight lock, so a reload does
// not close a Locator this screening may still read.
func (srv *server) screenOne(ctx context.Context, req screening.Request) (screening.Decision, error) {
	srv.inflight.RLock()
	defer srv.inflight.RUnlock()
	return srv.s.Screen(ctx, req)
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
	// A list that lost more than 10% of a source since the last load is
	// more likely a broken file than delistings: refuse it.
	if err := srv.s.Reload(r.Context(), append(data.opts, screening.WithMaxListShrink(0.10))...); err != nil {
		if data.locator != nil {
			_ = data.locator.Close()
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
	v := srv.s.Versions()
	srv.log.LogAttrs(r.Context(), slog.LevelInfo, "reloaded",
		slog.String("policy", v.Policy), slog.Int("lists", len(v.Lists)), slog.Int("geo_dbs", len(v.GeoDBs)),
		slog.Duration("took", time.Since(start)))
	writeJSON(w, http.StatusOK, v)
}

func (srv *server) versions(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, srv.s.Versions())
}

func (srv *server) healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
