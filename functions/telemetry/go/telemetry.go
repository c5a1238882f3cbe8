package main

// The telemetry workload, as a competent Go team would ship it: encoding/json into generic
// values (UseNumber, so 64-bit integers stay exact), maps for the counts, sort for the order.
// The contract is docs/telemetry.md; encoding/json quietly repairs invalid UTF-8 and lone
// surrogates and escapes more than the contract allows, so those rules are handled here.

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

type invalidRequest struct{ detail string }

func (e *invalidRequest) Error() string { return e.detail }

func invalid(detail string) error { return &invalidRequest{detail} }

type functionURLRequest struct {
	Body            *string         `json:"body"`
	IsBase64Encoded json.RawMessage `json:"isBase64Encoded"`
}

type summary struct {
	total       int
	uniqueUsers int
	p95         int64
	top         []endpointCount
	statuses    map[string]int
}

type endpointCount struct {
	endpoint string
	count    int
}

// handle answers one Function URL event with the whole Function URL response JSON.
func handle(event []byte) []byte {
	started := time.Now()
	result, err := aggregate(event)
	var body string
	status := 200
	if err != nil {
		status = 400
		body = invalidBody(err)
	} else {
		body = render(result, time.Since(started).Milliseconds())
	}
	return envelope(status, body)
}

// envelope is the Function URL response JSON around a body.
func envelope(status int, body string) []byte {
	var out strings.Builder
	out.Grow(len(body) + 96)
	out.WriteString(`{"statusCode":`)
	out.WriteString(strconv.Itoa(status))
	out.WriteString(`,"headers":{"content-type":"application/json"},"body":`)
	writeString(&out, body)
	out.WriteString("}")
	return []byte(out.String())
}

// invalidBody is the 400 body for a request the contract rejects.
func invalidBody(err error) string {
	var b strings.Builder
	b.WriteString(`{"error":"invalid request","detail":`)
	writeString(&b, strings.SplitN(err.Error(), "\n", 2)[0])
	b.WriteString("}")
	return b.String()
}

func readBody(event []byte) ([]byte, error) {
	if !utf8.Valid(event) {
		return nil, invalid("the event is not valid UTF-8")
	}
	if err := checkSurrogates(event); err != nil {
		return nil, err
	}
	var req functionURLRequest
	if err := json.Unmarshal(event, &req); err != nil {
		return nil, invalid("the event is not a Function URL request: " + err.Error())
	}
	if req.Body == nil || *req.Body == "" {
		return nil, nil
	}
	body := []byte(*req.Body)
	if string(req.IsBase64Encoded) == "true" {
		// The standard decoder skips newlines; the contract's other implementations refuse them.
		if strings.ContainsAny(*req.Body, " \t\r\n") {
			return nil, invalid("the body is not valid base64")
		}
		decoded, err := base64.StdEncoding.DecodeString(*req.Body)
		if err != nil {
			return nil, invalid("the body is not valid base64")
		}
		if !utf8.Valid(decoded) {
			return nil, invalid("the body is not UTF-8 text")
		}
		body = decoded
	}
	return body, nil
}

func aggregate(event []byte) (*summary, error) {
	body, err := readBody(event)
	if err != nil {
		return nil, err
	}
	var items []interface{}
	if len(body) > 0 {
		if err := checkSurrogates(body); err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var doc interface{}
		if err := dec.Decode(&doc); err != nil {
			return nil, invalid("the body is not JSON: " + err.Error())
		}
		if _, err := dec.Token(); err != io.EOF {
			return nil, invalid("text after the JSON value")
		}
		array, ok := doc.([]interface{})
		if !ok {
			return nil, invalid("the body is not a JSON array")
		}
		items = array
	}

	endpoints := map[string]int{}
	statuses := map[string]int{}
	users := map[string]struct{}{}
	durations := make([]int64, 0, len(items))
	for _, item := range items {
		fields, ok := item.(map[string]interface{})
		if !ok {
			continue
		}
		endpoint, _ := fields["endpoint"].(string)
		if endpoint == "" {
			endpoint = "unknown"
		}
		endpoints[endpoint]++

		switch status := fields["status"].(type) {
		case string:
			statuses[status]++
		case json.Number:
			if n, ok := integer(status); ok {
				statuses[strconv.FormatInt(n, 10)]++
			} else {
				statuses["unknown"]++
			}
		default:
			statuses["unknown"]++
		}

		switch user := fields["user_id"].(type) {
		case string:
			if user != "" {
				users[user] = struct{}{}
			}
		case json.Number:
			if n, ok := integer(user); ok {
				users[strconv.FormatInt(n, 10)] = struct{}{}
			}
		}

		duration, err := durationOf(fields["duration_ms"])
		if err != nil {
			return nil, err
		}
		durations = append(durations, duration)
	}

	result := &summary{total: len(items), uniqueUsers: len(users), statuses: statuses}
	if len(durations) > 0 {
		sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
		// floor(0.95 * (n - 1)) in integers, as in the other implementations.
		result.p95 = durations[95*(len(durations)-1)/100]
	}
	for endpoint, count := range endpoints {
		result.top = append(result.top, endpointCount{endpoint, count})
	}
	sort.Slice(result.top, func(i, j int) bool {
		a, b := result.top[i], result.top[j]
		if a.count != b.count {
			return a.count > b.count
		}
		return a.endpoint < b.endpoint
	})
	if len(result.top) > 5 {
		result.top = result.top[:5]
	}
	return result, nil
}

// integer reports a JSON number with no fraction and no exponent that fits in 64 bits.
func integer(n json.Number) (int64, bool) {
	if strings.ContainsAny(string(n), ".eE") {
		return 0, false
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	return v, err == nil
}

func durationOf(value interface{}) (int64, error) {
	n, ok := value.(json.Number)
	if !ok {
		return 0, nil
	}
	if !strings.ContainsAny(string(n), ".eE") {
		v, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			return 0, invalid("duration_ms is outside the 64-bit range")
		}
		return v, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, invalid("duration_ms is not a number")
	}
	if !(f >= -9223372036854775808.0 && f < 9223372036854775808.0) {
		return 0, invalid("duration_ms is outside the 64-bit range")
	}
	return int64(f), nil
}

func render(s *summary, computeMs int64) string {
	var b strings.Builder
	b.WriteString(`{"total_events":`)
	b.WriteString(strconv.Itoa(s.total))
	b.WriteString(`,"unique_users":`)
	b.WriteString(strconv.Itoa(s.uniqueUsers))
	b.WriteString(`,"p95_duration_ms":`)
	b.WriteString(strconv.FormatInt(s.p95, 10))
	b.WriteString(`,"top_endpoints":[`)
	for i, e := range s.top {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("[")
		writeString(&b, e.endpoint)
		b.WriteString(",")
		b.WriteString(strconv.Itoa(e.count))
		b.WriteString("]")
	}
	b.WriteString(`],"status_counts":{`)
	keys := make([]string, 0, len(s.statuses))
	for k := range s.statuses {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",")
		}
		writeString(&b, k)
		b.WriteString(":")
		b.WriteString(strconv.Itoa(s.statuses[k]))
	}
	b.WriteString(`},"compute_ms":`)
	b.WriteString(strconv.FormatInt(computeMs, 10))
	b.WriteString(`,"language":"go"}`)
	return b.String()
}

// writeString writes s as the contract's JSON string: minimal escapes, lowercase \u, U+2028 and
// U+2029 escaped, everything else as UTF-8. (encoding/json would also escape <, > and &.)
func writeString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\b':
			esc = `\b`
		case c == '\t':
			esc = `\t`
		case c == '\n':
			esc = `\n`
		case c == '\f':
			esc = `\f`
		case c == '\r':
			esc = `\r`
		case c < 0x20:
			esc = `\u00` + string(hex[c>>4]) + string(hex[c&0xF])
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			b.WriteString(s[start:i])
			if s[i+2] == 0xA8 {
				b.WriteString(`\u2028`)
			} else {
				b.WriteString(`\u2029`)
			}
			i += 2
			start = i + 1
			continue
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// checkSurrogates refuses \u escapes that leave a surrogate unpaired, which encoding/json would
// silently turn into U+FFFD. It follows string boundaries so an escaped backslash is not misread.
func checkSurrogates(data []byte) error {
	if !bytes.Contains(data, []byte(`\u`)) {
		return nil
	}
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if !inString {
			if c == '"' {
				inString = true
			}
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if i+1 < len(data) && data[i+1] == 'u' {
				unit, ok := hex4(data, i+2)
				if ok && unit >= 0xD800 && unit <= 0xDFFF {
					if unit >= 0xDC00 {
						return invalid("a string holds a lone surrogate")
					}
					low, lowOK := uint16(0), false
					if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
						low, lowOK = hex4(data, i+8)
					}
					if !lowOK || low < 0xDC00 || low > 0xDFFF {
						return invalid("a string holds a lone surrogate")
					}
					i += 11
					continue
				}
				i += 5
				continue
			}
			i++
		}
	}
	return nil
}

func hex4(data []byte, at int) (uint16, bool) {
	if at+4 > len(data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(data[at:at+4]), 16, 16)
	return uint16(v), err == nil
}
