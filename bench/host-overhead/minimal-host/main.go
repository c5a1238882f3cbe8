// The least a Lambda-compatible host can do for a Function URL invocation, as a baseline for Ember's: an HTTP
// server for clients and a Runtime API for the function's processes, joined by a queue. A client's request
// body is handed as the event to whichever runtime asks GET /next first; the runtime's POST .../response is
// the client's answer. No records, logs, limits, isolation, timeouts or error handling: only the two HTTP
// exchanges every invocation needs, so that Ember's rate can be set beside the same function's ceiling.
// Usage: minimal-host CLIENT_PORT RUNTIME_API_PORT
package main

import (
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

type invocation struct {
	id     string
	event  []byte
	answer chan []byte
}

var (
	queue   = make(chan *invocation, 1024)
	pending sync.Map
	counter atomic.Uint64
)

func main() {
	clientPort, runtimePort := os.Args[1], os.Args[2]
	go func() {
		runtime := http.NewServeMux()
		runtime.HandleFunc("/2018-06-01/runtime/invocation/", serveRuntime)
		if err := http.ListenAndServe("127.0.0.1:"+runtimePort, runtime); err != nil {
			os.Exit(1)
		}
	}()
	if err := http.ListenAndServe("127.0.0.1:"+clientPort, http.HandlerFunc(serveClient)); err != nil {
		os.Exit(1)
	}
}

func serveClient(w http.ResponseWriter, r *http.Request) {
	event, _ := io.ReadAll(r.Body)
	inv := &invocation{id: strconv.FormatUint(counter.Add(1), 10), event: event, answer: make(chan []byte, 1)}
	pending.Store(inv.id, inv)
	queue <- inv
	w.Header().Set("Content-Type", "application/json")
	w.Write(<-inv.answer)
}

func serveRuntime(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/2018-06-01/runtime/invocation/")
	if rest == "next" {
		inv := <-queue
		w.Header().Set("Lambda-Runtime-Aws-Request-Id", inv.id)
		w.Header().Set("Lambda-Runtime-Deadline-Ms", "99999999999999")
		w.Write(inv.event)
		return
	}
	id := strings.TrimSuffix(rest, "/response")
	body, _ := io.ReadAll(r.Body)
	if value, ok := pending.LoadAndDelete(id); ok {
		value.(*invocation).answer <- body
	}
	w.WriteHeader(http.StatusAccepted)
}
