package geoloc

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
)

type ctxKey struct{}

type ctxValue struct {
	loc    Location
	reason string
}

// NewContext returns a copy of ctx carrying loc, as Middleware stores it.
func NewContext(ctx context.Context, loc Location) context.Context {
	return context.WithValue(ctx, ctxKey{}, ctxValue{loc: loc})
}

// FromContext returns the Location that Middleware stored for the request.
func FromContext(ctx context.Context) (Location, bool) {
	v, ok := ctx.Value(ctxKey{}).(ctxValue)
	return v.loc, ok
}

// ReasonFromContext returns the note the policy callback of Middleware gave
// for a request it let through ("" if none).
func ReasonFromContext(ctx context.Context) string {
	v, _ := ctx.Value(ctxKey{}).(ctxValue)
	return v.reason
}

// Middleware locates the client of every request (ClientIP with the
// trusted proxy networks, then Locate), stores the Location in the request
// context (FromContext) and asks decide, if not nil, whether to serve it.
//
// If decide returns block == true, the request is refused with status 451
// Unavailable For Legal Reasons (RFC 7725) and a plain-text body giving
// the reason. Otherwise a non-empty reason is kept as a note
// (ReasonFromContext) and the request goes to next.
//
// The middleware fails closed: a request whose client address cannot be
// determined gets 400 Bad Request, and a database failure gets 503 Service
// Unavailable; neither reaches next.
func Middleware(l *Locator, trusted []netip.Prefix, decide func(*http.Request, Location) (block bool, reason string)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			addr, err := ClientIP(r, trusted)
			if err != nil {
				l.logger().LogAttrs(r.Context(), slog.LevelWarn, "geoloc: client address unknown", slog.String("err", err.Error()))
				plain(w, http.StatusBadRequest, "Bad Request: the client address could not be determined.")
				return
			}
			loc, err := l.Locate(addr)
			if err != nil {
				l.logger().LogAttrs(r.Context(), slog.LevelError, "geoloc: locate failed", slog.String("ip", addr.String()), slog.String("err", err.Error()))
				plain(w, http.StatusServiceUnavailable, "Service Unavailable: the location of the client could not be checked.")
				return
			}
			v := ctxValue{loc: loc}
			if decide != nil {
				block, reason := decide(r, loc)
				if block {
					msg := "Unavailable For Legal Reasons"
					if reason != "" {
						msg += ": " + reason
					}
					plain(w, http.StatusUnavailableForLegalReasons, msg)
					return
				}
				v.reason = reason
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, v)))
		})
	}
}

func plain(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
