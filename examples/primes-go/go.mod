module ember.example/primes-go

go 1.19
