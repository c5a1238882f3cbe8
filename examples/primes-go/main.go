// primes-go: CPU work for power tuning, the Go twin of primes-python. A custom runtime
// (provided.al2023) that talks to the Runtime API itself with the Go standard library only.
// {"limit": N} -> {"limit": N, "primes": count of primes below N}, by a sieve.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

const (
	apiPrefix       = "/2018-06-01/runtime"
	requestIDHeader = "Lambda-Runtime-Aws-Request-Id"
	traceIDHeader   = "Lambda-Runtime-Trace-Id"
	errorTypeHeader = "Lambda-Runtime-Function-Error-Type"
)

type request struct {
	Limit int `json:"limit"`
}

type response struct {
	Limit  int `json:"limit"`
	Primes int `json:"primes"`
}

type lambdaError struct {
	ErrorMessage string   `json:"errorMessage"`
	ErrorType    string   `json:"errorType"`
	StackTrace   []string `json:"stackTrace"`
}

func handle(event []byte) ([]byte, *lambdaError) {
	req := request{Limit: 100000}
	if err := json.Unmarshal(event, &req); err != nil {
		return nil, &lambdaError{err.Error(), "Runtime.UnmarshalError", []string{}}
	}
	if req.Limit < 2 || req.Limit > 100000000 {
		return nil, &lambdaError{"limit must be from 2 to 100000000", "errorString", []string{}}
	}
	composite := make([]bool, req.Limit)
	count := 0
	for n := 2; n < req.Limit; n++ {
		if composite[n] {
			continue
		}
		count++
		for multiple := n * n; multiple < req.Limit; multiple += n {
			composite[multiple] = true
		}
	}
	out, _ := json.Marshal(response{Limit: req.Limit, Primes: count})
	return out, nil
}

func post(client *http.Client, url string, body []byte, errorType string) {
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if errorType != "" {
		req.Header.Set(errorTypeHeader, errorType)
	}
	resp, err := client.Do(req)
	if err != nil {
		fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		fatal(fmt.Errorf("POST %s answered %d, expected 202", url, resp.StatusCode))
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "primes-go: fatal:", err)
	os.Exit(1)
}

func main() {
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		fatal(fmt.Errorf("AWS_LAMBDA_RUNTIME_API is not set"))
	}
	base := "http://" + api + apiPrefix
	client := &http.Client{} // no timeout: /next may wait for hours
	for {
		resp, err := client.Get(base + "/invocation/next")
		if err != nil {
			fatal(err)
		}
		event, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			fatal(fmt.Errorf("/next answered %d", resp.StatusCode))
		}
		id := resp.Header.Get(requestIDHeader)
		if trace := resp.Header.Get(traceIDHeader); trace != "" {
			os.Setenv("_X_AMZN_TRACE_ID", trace)
		} else {
			os.Unsetenv("_X_AMZN_TRACE_ID")
		}
		out, failure := handle(event)
		if failure != nil {
			body, _ := json.Marshal(failure)
			post(client, base+"/invocation/"+id+"/error", body, failure.ErrorType)
			continue
		}
		post(client, base+"/invocation/"+id+"/response", out, "")
	}
}
