// api-go: one Lambda function serving a whole chi router behind an HTTP API, as the .NET-vs-Go article
// does with its Go functions: every request reaches the function (the API's $default route), which
// turns the payload 2.0 event into an http.Request, lets chi route it, and answers with what the
// handler wrote. Any net/http router works the same way. A custom runtime (provided.al2023) talking to
// the Runtime API itself, chi the only dependency.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
)

func routes() http.Handler {
	r := chi.NewRouter()
	r.Get("/items/{id}", func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"id": chi.URLParam(req, "id"), "name": "item " + chi.URLParam(req, "id")})
	})
	r.Post("/hello", func(w http.ResponseWriter, req *http.Request) {
		var in struct {
			Name string `json:"name"`
		}
		if err := json.NewDecoder(req.Body).Decode(&in); err != nil || in.Name == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "send {\"name\": \"...\"}"})
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"hello": in.Name})
	})
	r.NotFound(func(w http.ResponseWriter, req *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no route for " + req.Method + " " + req.URL.Path})
	})
	return r
}

func writeJSON(w http.ResponseWriter, status int, value interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(value)
}

// event is the part of an HTTP API payload 2.0 event a router needs.
type event struct {
	RawPath         string            `json:"rawPath"`
	RawQueryString  string            `json:"rawQueryString"`
	Cookies         []string          `json:"cookies"`
	Headers         map[string]string `json:"headers"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
	RequestContext  struct {
		HTTP struct {
			Method   string `json:"method"`
			SourceIP string `json:"sourceIp"`
		} `json:"http"`
	} `json:"requestContext"`
}

type response struct {
	StatusCode      int               `json:"statusCode"`
	Headers         map[string]string `json:"headers"`
	Cookies         []string          `json:"cookies,omitempty"`
	Body            string            `json:"body"`
	IsBase64Encoded bool              `json:"isBase64Encoded"`
}

// serve runs one event through the router and gives the payload 2.0 response.
func serve(router http.Handler, raw []byte) ([]byte, error) {
	var e event
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, fmt.Errorf("the event is not an HTTP API event: %w", err)
	}
	body := []byte(e.Body)
	if e.IsBase64Encoded {
		decoded, err := base64.StdEncoding.DecodeString(e.Body)
		if err != nil {
			return nil, fmt.Errorf("the event's body is not base64: %w", err)
		}
		body = decoded
	}
	target := e.RawPath
	if e.RawQueryString != "" {
		target += "?" + e.RawQueryString
	}
	req := httptest.NewRequest(e.RequestContext.HTTP.Method, target, bytes.NewReader(body))
	for name, value := range e.Headers {
		req.Header.Set(name, value)
	}
	if len(e.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(e.Cookies, "; "))
	}
	req.RemoteAddr = e.RequestContext.HTTP.SourceIP + ":0"

	recorder := httptest.NewRecorder()
	router.ServeHTTP(recorder, req)
	out := response{StatusCode: recorder.Code, Headers: map[string]string{}}
	for name, values := range recorder.Header() {
		if http.CanonicalHeaderKey(name) == "Set-Cookie" {
			out.Cookies = values
			continue
		}
		out.Headers[name] = strings.Join(values, ",")
	}
	if written := recorder.Body.Bytes(); utf8.Valid(written) {
		out.Body = string(written)
	} else {
		out.Body, out.IsBase64Encoded = base64.StdEncoding.EncodeToString(written), true
	}
	return json.Marshal(out)
}

func main() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda custom runtime")
	}
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	router := routes()
	client := &http.Client{}
	for {
		next, err := client.Get(base + "next")
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		raw, err := io.ReadAll(next.Body)
		next.Body.Close()
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		id := next.Header.Get("Lambda-Runtime-Aws-Request-Id")
		out, err := serve(router, raw)
		path := base + id + "/response"
		if err != nil {
			path = base + id + "/error"
			out, _ = json.Marshal(map[string]string{"errorType": "InvalidEvent", "errorMessage": err.Error()})
		}
		posted, err := client.Post(path, "application/json", bytes.NewReader(out))
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		io.Copy(io.Discard, posted.Body)
		posted.Body.Close()
	}
}
