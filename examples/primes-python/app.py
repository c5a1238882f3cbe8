def handler(event, context):
    """CPU work for power tuning: counts the primes below `limit` with a sieve, in plain Python."""
    limit = int(event.get("limit", 100000))
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for n in range(2, int(limit ** 0.5) + 1):
        if sieve[n]:
            for multiple in range(n * n, limit, n):
                sieve[multiple] = 0
    return {"limit": limit, "primes": sum(sieve)}
