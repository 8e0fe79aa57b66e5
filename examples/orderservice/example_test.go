package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"

	"github.com/exportguard/exportguard/screening"
)

// Screen an order over HTTP, and send a body with a misspelt field.
func Example() {
	ctx := context.Background()
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	s, err := screening.New(ctx, screening.WithLogger(logger))
	if err != nil {
		panic(err)
	}
	h := newServer(s, config{}, logger)

	post := func(body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/v1/screen", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := post(`{"id":"order-7","destination":"CN","parties":[{"role":"ultimate_consignee","name":"Huawei Technologies Co., Ltd.","country":"CN"}]}`)
	fmt.Println(w.Code, strings.Contains(w.Body.String(), `"outcome":"license_required"`))

	w = post(`{"id":"order-8","parties":[{"role":"purchaser","nmae":"Acme Robotics Inc"}]}`)
	fmt.Println(w.Code)
	var pretty bytes.Buffer
	_ = json.Indent(&pretty, w.Body.Bytes(), "", "  ")
	fmt.Print(pretty.String())
	// Output:
	// 200 true
	// 400
	// {
	//   "error": "the body is not a valid request: field parties[0].nmae at line 1, column 53 (byte 53): unknown field \"nmae\"",
	//   "errors": [
	//     {
	//       "field": "parties[0].nmae",
	//       "value": "nmae",
	//       "message": "unknown field \"nmae\"",
	//       "offset": 53,
	//       "line": 1,
	//       "column": 53
	//     }
	//   ]
	// }
}
