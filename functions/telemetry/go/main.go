// Command bootstrap is the Go telemetry function: a custom runtime (provided.al2023) that talks
// to the Lambda Runtime API itself, standard library only.
//
//	bootstrap                      the Runtime API loop (AWS_LAMBDA_RUNTIME_API must be set)
//	bootstrap --stdin              one event on stdin, the response on stdout (parity tests)
//	bootstrap --bench FILE [-n 15] median in-process compute of FILE's event, in ms
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sort"
	"time"
)

func main() {
	stdin := flag.Bool("stdin", false, "read one event on stdin and print the response")
	bench := flag.String("bench", "", "measure the in-process compute of this event file")
	runs := flag.Int("n", 15, "runs for --bench")
	flag.Parse()

	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	switch {
	case *bench != "":
		runBench(*bench, *runs)
	case *stdin || api == "":
		event, err := io.ReadAll(os.Stdin)
		if err != nil {
			log.Fatal(err)
		}
		os.Stdout.Write(handle(event))
		os.Stdout.Write([]byte("\n"))
	default:
		serve(api)
	}
}

func runBench(path string, runs int) {
	event, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	handle(event) // warm-up
	times := make([]float64, runs)
	for i := range times {
		start := time.Now()
		handle(event)
		times[i] = float64(time.Since(start).Nanoseconds()) / 1e6
	}
	sort.Float64s(times)
	fmt.Printf("%.3f\n", times[len(times)/2])
}

func serve(api string) {
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	// Next long-polls without a deadline: the environment may wait for hours between invokes.
	client := &http.Client{}
	for {
		resp, err := client.Get(base + "next")
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		event, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		out := handle(event)
		post, err := client.Post(base+id+"/response", "application/json", bytes.NewReader(out))
		if err != nil {
			log.Fatalf("runtime API: %v", err)
		}
		io.Copy(io.Discard, post.Body)
		post.Body.Close()
		if post.StatusCode != http.StatusAccepted {
			log.Fatalf("runtime API refused the response: %s", post.Status)
		}
	}
}
