package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/exportguard/exportguard/examples/internal/service"
	"github.com/exportguard/exportguard/screening/records"
)

// errNoRecords answers the record and case endpoints of a service started
// with -db none.
var errNoRecords = errors.New("decision records are turned off (-db none)")

func (srv *server) store(w http.ResponseWriter) (*records.Store, bool) {
	if srv.cfg.Records == nil {
		writeJSON(w, http.StatusNotFound, errorResponse{Error: errNoRecords.Error()})
		return nil, false
	}
	return srv.cfg.Records, true
}

// recordFilter reads the query parameters of GET /v1/records.
func recordFilter(q url.Values) (records.Filter, error) {
	f := records.Filter{Party: q.Get("party"), Entry: q.Get("entry"), Outcome: q.Get("outcome"), Reason: q.Get("reason")}
	var errs []error
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := parseDay(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("query parameter %s=%q: want YYYY-MM-DD or an RFC 3339 time", p.name, v))
			}
			*p.dst = t
		}
	}
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"after", &f.AfterSeq}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				errs = append(errs, fmt.Errorf("query parameter %s=%q: want a record number", p.name, v))
			}
			*p.dst = n
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > 10000 {
			errs = append(errs, fmt.Errorf("query parameter limit=%q: want 1 to 10000", v))
		}
		f.Limit = n
	}
	return f, errors.Join(errs...)
}

func parseDay(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// listRecords answers GET /v1/records: JSON by default, or an export
// (format=jsonl or csv) of everything the filter selects.
func (srv *server) listRecords(w http.ResponseWriter, r *http.Request) {
	st, ok := srv.store(w)
	if !ok {
		return
	}
	f, err := recordFilter(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: err.Error()})
		return
	}
	if v := r.URL.Query().Get("format"); v != "" && v != "json" {
		format, err := records.ParseFormat(v)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, errorResponse{Error: err.Error()})
			return
		}
		ct := "application/jsonl"
		if format == records.CSV {
			ct = "text/csv; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=decision-records.%s", format))
		if _, err := st.Export(r.Context(), w, format, f); err != nil {
			// The status is sent; the cut-off body and the log say it failed.
			srv.log.Error("export failed", "err", err)
		}
		return
	}
	rs, err := st.Query(r.Context(), f)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errorResponse{Error: err.Error()})
		return
	}
	if rs == nil {
		rs = []records.Record{}
	}
	writeJSON(w, http.StatusOK, rs)
}

// verifyRecords answers GET /v1/records/verify: 200 when the chain
// verifies, 409 with the problems otherwise.
func (srv *server) verifyRecords(w http.ResponseWriter, r *http.Request) {
	st, ok := srv.store(w)
	if !ok {
		return
	}
	v, err := st.Verify(r.Context())
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errorResponse{Error: err.Error()})
		return
	}
	status := http.StatusOK
	if !v.OK() {
		status = http.StatusConflict
	}
	writeJSON(w, status, v)
}

// caseFilter reads the query parameters of GET /v1/cases and of the queue
// page.
func caseFilter(q url.Values) (records.CaseFilter, error) {
	f := records.CaseFilter{Status: q.Get("status"), Outcome: q.Get("outcome"), Reason: q.Get("reason"), List: q.Get("list")}
	if f.Status == "" {
		f.Status = "queue"
	}
	if v := q.Get("older_than_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return f, fmt.Errorf("query parameter older_than_days=%q: want a number of days", v)
		}
		f.OlderThan = time.Duration(n) * 24 * time.Hour
	}
	return f, nil
}

func (srv *server) listCases(w http.ResponseWriter, r *http.Request) {
	st, ok := srv.store(w)
	if !ok {
		return
	}
	f, err := caseFilter(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: err.Error()})
		return
	}
	cs, err := st.Cases(r.Context(), f)
	if err != nil {
		// A filter the store cannot use is the caller's mistake; a failing
		// store is not, and must not read as one.
		status := http.StatusInternalServerError
		if errors.As(err, new(*records.InvalidError)) {
			status = http.StatusBadRequest
		}
		writeJSON(w, status, errorResponse{Error: err.Error()})
		return
	}
	if cs == nil {
		cs = []records.Case{}
	}
	writeJSON(w, http.StatusOK, cs)
}

func caseID(r *http.Request) (int64, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("case id %q: want a positive number", v)
	}
	return id, nil
}

func (srv *server) getCase(w http.ResponseWriter, r *http.Request) {
	st, ok := srv.store(w)
	if !ok {
		return
	}
	id, err := caseID(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: err.Error()})
		return
	}
	c, err := st.CaseByID(r.Context(), id)
	if errors.Is(err, records.ErrNotFound) {
		writeJSON(w, http.StatusNotFound, errorResponse{Error: err.Error()})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errorResponse{Error: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// dispositionRequest is the body of POST /v1/cases/{id}/disposition. The
// reviewer is who holds the token.
type dispositionRequest struct {
	Disposition string `json:"disposition"`
	Reason      string `json:"reason"`
	// Expires ends the suppressions of a false positive (RFC 3339);
	// omitted, they last until the list entry changes.
	Expires *time.Time `json:"expires,omitempty"`
}

func (srv *server) dispose(w http.ResponseWriter, r *http.Request) {
	st, ok := srv.store(w)
	if !ok {
		return
	}
	id, err := caseID(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: err.Error()})
		return
	}
	var body dispositionRequest
	if !srv.readJSON(w, r, &body) {
		return
	}
	c, status, err := srv.disposeCase(r, st, id, body)
	if err != nil {
		writeJSON(w, status, errorResponse{Error: err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// disposeCase records a disposition by the caller; on error it returns
// the status to answer with.
func (srv *server) disposeCase(r *http.Request, st *records.Store, id int64, body dispositionRequest) (records.Case, int, error) {
	p, _ := service.PrincipalFrom(r.Context())
	d, err := records.ParseDisposition(body.Disposition)
	if err != nil {
		return records.Case{}, http.StatusBadRequest, err
	}
	req := records.DisposeRequest{Disposition: d, Reviewer: p.Name, Reason: body.Reason}
	if body.Expires != nil {
		req.Expires = *body.Expires
	}
	c, err := st.Dispose(r.Context(), id, req)
	switch {
	case errors.Is(err, records.ErrNotFound):
		return c, http.StatusNotFound, err
	case errors.Is(err, records.ErrCaseClosed):
		return c, http.StatusConflict, err
	case errors.As(err, new(*records.InvalidError)):
		return c, http.StatusBadRequest, err
	case err != nil:
		return c, http.StatusInternalServerError, err
	}
	srv.log.Info("case disposed", "case", id, "disposition", string(d), "reviewer", p.Name)
	return c, http.StatusOK, nil
}
