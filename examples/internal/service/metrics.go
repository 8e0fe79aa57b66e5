package service

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/exportguard/exportguard/screening"
)

// Metrics are a service's Prometheus metrics, in a registry of their own
// (no global state).
type Metrics struct {
	Registry *prometheus.Registry
	// Requests is the latency of each request by method, route pattern and
	// status.
	Requests *prometheus.HistogramVec
	// Decisions counts decisions by outcome.
	Decisions *prometheus.CounterVec
	// Reasons counts the reasons decisions gave, by code.
	Reasons *prometheus.CounterVec
}

// NewMetrics returns a service's metrics, with the Go runtime and process
// collectors.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "exportguard_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by method, route pattern and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route", "status"}),
		Decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "exportguard_decisions_total",
			Help: "Screening decisions made, by outcome.",
		}, []string{"outcome"}),
		Reasons: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "exportguard_decision_reasons_total",
			Help: "Reasons given in screening decisions, by reason code and the outcome the policy gave it.",
		}, []string{"code", "outcome"}),
	}
	m.Registry.MustRegister(m.Requests, m.Decisions, m.Reasons,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe counts d.
func (m *Metrics) Observe(d screening.Decision) {
	m.Decisions.WithLabelValues(d.Outcome).Inc()
	for _, r := range d.Reasons {
		m.Reasons.WithLabelValues(r.Code, r.Outcome).Inc()
	}
}

// DataAges registers gauges for the age of each list source and
// geolocation database s uses now, in seconds, read at each scrape.
func (m *Metrics) DataAges(s func() *screening.Screener, now func() time.Time) {
	m.Registry.MustRegister(&ageCollector{s: s, now: now,
		list: prometheus.NewDesc("exportguard_list_age_seconds", "Age of each restricted-party list source in use (from its as-of date).", []string{"source"}, nil),
		geo:  prometheus.NewDesc("exportguard_geoip_age_seconds", "Age of each geolocation database in use (from its build date).", []string{"database"}, nil),
	})
}

type ageCollector struct {
	s         func() *screening.Screener
	now       func() time.Time
	list, geo *prometheus.Desc
}

func (c *ageCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.list; ch <- c.geo }

func (c *ageCollector) Collect(ch chan<- prometheus.Metric) {
	v := c.s().Versions()
	now := c.now()
	for _, l := range v.Lists {
		if t, err := time.Parse(time.DateOnly, l.AsOf); err == nil {
			ch <- prometheus.MustNewConstMetric(c.list, prometheus.GaugeValue, now.Sub(t).Seconds(), l.Source)
		}
	}
	for _, g := range v.GeoDBs {
		if t, err := time.Parse(time.DateOnly, g.BuildDate); err == nil {
			ch <- prometheus.MustNewConstMetric(c.geo, prometheus.GaugeValue, now.Sub(t).Seconds(), g.Name)
		}
	}
}

// Gauge registers a gauge read from fn at each scrape.
func (m *Metrics) Gauge(name, help string, fn func() float64) {
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, fn))
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Instrument wraps mux so that each request's latency is observed under
// the pattern that matched it (route "unmatched" when none did).
func (m *Metrics) Instrument(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.Requests.WithLabelValues(r.Method, route, strconv.Itoa(rec.status)).Observe(time.Since(start).Seconds())
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// StaleData returns what makes the data s uses unfit to screen with at
// now: a list source or geolocation database older than the policy allows,
// or one with no date. None means ready.
func StaleData(s *screening.Screener, now time.Time) []string {
	p := s.Policy()
	v := s.Versions()
	var out []string
	if len(v.Lists) == 0 {
		out = append(out, "no restricted-party list is loaded")
	}
	check := func(what, date string, max time.Duration) {
		if max <= 0 {
			return
		}
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			out = append(out, fmt.Sprintf("%s has no date", what))
			return
		}
		if age := now.Sub(t); age > max {
			out = append(out, fmt.Sprintf("%s is %d days old (as of %s); the policy allows %d", what, int(age.Hours()/24), date, int(max.Hours()/24)))
		}
	}
	for _, l := range v.Lists {
		check("list "+l.Source, l.AsOf, p.MaxListAge())
	}
	for _, g := range v.GeoDBs {
		check("geolocation database "+g.Name, g.BuildDate, p.MaxGeoDBAge())
	}
	return out
}

// Healthz answers 200 {"status":"ok"} while the process serves HTTP.
func Healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
}

// Readyz answers 200 {"status":"ready"} when check reports nothing, and
// 503 {"status":"not ready","problems":[…]} otherwise.
func Readyz(check func(ctx context.Context) []string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if problems := check(r.Context()); len(problems) > 0 {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "not ready", "problems": problems})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"status": "ready"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
