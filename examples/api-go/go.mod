module ember.example/api-go

go 1.19

require github.com/go-chi/chi/v5 v5.0.7

// chi as Debian ships it (golang-github-go-chi-chi-dev), since the Go module proxy is out of reach
// here; on a machine with the proxy, drop this line.
replace github.com/go-chi/chi/v5 => /usr/share/gocode/src/github.com/go-chi/chi
