package main

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 description of the service, served at
// /openapi.json; TestOpenAPI checks the handlers against it.
//
//go:embed openapi.json
var openAPI []byte

func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPI)
}
