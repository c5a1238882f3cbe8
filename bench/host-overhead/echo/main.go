// The baseline of bench/host-overhead: a Go net/http server that answers each POST with its body, one HTTP hop,
// the least any HTTP front door can cost on this machine. An Ember invocation through a Function URL takes about
// two such exchanges (client to host, host to runtime), so its rate is bounded by about half of this one's.
package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	http.ListenAndServe("127.0.0.1:"+os.Args[1], nil)
}
