module ember.local/telemetry

go 1.19
