package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/exportguard/exportguard/examples/internal/service"
)

// A sign-up from behind the site's load balancer (10.0.0.0/8): the
// balancer's X-Forwarded-For names the client, an Iranian address, and the
// request is refused with 451.
func Example() {
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	s, loc, err := open(context.Background(), service.Data{}, logger)
	if err != nil {
		panic(err)
	}
	defer loc.Close()
	trusted, err := parsePrefixes("10.0.0.0/8")
	if err != nil {
		panic(err)
	}
	h := newApp(appConfig{Screener: s, Locator: loc, Trusted: trusted, Logger: logger})

	form := url.Values{"name": {"Jane Miller"}, "country": {"Germany"}, "email": {"jane@example.com"}}
	r := httptest.NewRequest("POST", "/signup", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Forwarded-For", "5.160.0.1")
	r.RemoteAddr = "10.0.0.5:41000"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)
	fmt.Println(strings.SplitAfter(w.Body.String(), ").")[0])
	// Output:
	// 451
	// Unavailable For Legal Reasons: sign-ups are not accepted from Iran, Islamic Republic of (IR), which is under a comprehensive embargo (ear_embargo_e1_e2; 15 CFR 746.7 (Iran)).
}
