"""Writes the hand-written edge cases of the telemetry contract as Function URL events.

Each case is `NAME.event.json` (the payload format 2.0 event) and `NAME.expected` (the golden
answer: the status code on the first line, then the body without `compute_ms` and `language`, or
`{"error":"invalid request"}` for a 400). The expected answers are written here by hand from the
contract (docs/telemetry.md), never copied from an implementation's output: they are the
tie-breaker when implementations disagree. Run `python3 make_edge.py` after editing the table.
"""

import base64
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MISSING = object()
INVALID = '400\n{"error":"invalid request"}'
EMPTY = '200\n{"total_events":0,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[],"status_counts":{}}'


def ok(body):
    return "200\n" + body


# (name, body, options, expected). body is text (str), raw bytes (sent base64-encoded), None for
# a JSON null body, or MISSING. options: "b64" sends text base64-encoded; "raw_event" means body
# is the whole event text.
CASES = [
    ("spec_example",
     r'[{"endpoint":"/a","status":200,"duration_ms":5,"user_id":"u1"},{"endpoint":"/b","status":500,"duration_ms":9}]', "",
     ok('{"total_events":2,"unique_users":1,"p95_duration_ms":5,"top_endpoints":[["/a",1],["/b",1]],"status_counts":{"200":1,"500":1}}')),
    ("empty_array", "[]", "", EMPTY),
    ("body_missing", MISSING, "", EMPTY),
    ("body_null", None, "", EMPTY),
    ("body_empty", "", "", EMPTY),
    ("body_empty_base64", "", "b64", EMPTY),
    ("whitespace_around", " \n\t[\r\n{ \"endpoint\" : \"/a\" ,\t\"status\" :200 } ,\n 5 ] \n", "",
     ok('{"total_events":2,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["/a",1]],"status_counts":{"200":1}}')),
    ("non_object_elements", r'[1,"x",[1,2],null,true,false,{"endpoint":"/a"},-2.5e3,{}]', "",
     ok('{"total_events":9,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["/a",1],["unknown",1]],"status_counts":{"unknown":2}}')),
    ("nested_arrays_only", "[[[[[[[[[[{}]]]]]]]]]]", "",
     ok('{"total_events":1,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[],"status_counts":{}}')),
    ("missing_and_null_fields", r'[{},{"endpoint":null,"status":null,"user_id":null,"duration_ms":null}]', "",
     ok('{"total_events":2,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",2]],"status_counts":{"unknown":2}}')),
    ("wrong_types",
     r'[{"endpoint":5,"status":true,"user_id":false,"duration_ms":"12"},{"endpoint":["/a"],"status":{"code":200},"user_id":[1],"duration_ms":{"v":1}},{"endpoint":"","status":1.5,"user_id":"","duration_ms":true},{"endpoint":{},"status":[],"user_id":{},"duration_ms":[]}]', "",
     ok('{"total_events":4,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",4]],"status_counts":{"unknown":4}}')),
    ("status_forms",
     r'[{"status":200},{"status":"200"},{"status":"OK"},{"status":""},{"status":-0},{"status":2e2},{"status":200.0},{"status":-17},{"status":"unknown"}]', "",
     ok('{"total_events":9,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",9]],"status_counts":{"":1,"-17":1,"0":1,"200":2,"OK":1,"unknown":3}}')),
    ("user_forms",
     r'[{"user_id":"u1"},{"user_id":1},{"user_id":"1"},{"user_id":-0},{"user_id":"0"},{"user_id":0},{"user_id":1.0},{"user_id":1e0},{"user_id":""},{"user_id":"U1"},{"user_id":"u1"}]', "",
     ok('{"total_events":11,"unique_users":4,"p95_duration_ms":0,"top_endpoints":[["unknown",11]],"status_counts":{"unknown":11}}')),
    ("duration_forms",
     r'[{"duration_ms":5},{"duration_ms":-3},{"duration_ms":7.9},{"duration_ms":-7.9},{"duration_ms":1e2},{"duration_ms":2.5E1},{"duration_ms":-0},{"duration_ms":-0.0},{"duration_ms":1e-5},{"duration_ms":12},{"duration_ms":1e-400},{"duration_ms":-1e-400}]', "",
     ok('{"total_events":12,"unique_users":0,"p95_duration_ms":25,"top_endpoints":[["unknown",12]],"status_counts":{"unknown":12}}')),
    ("duration_exponents_truncated",
     r'[{"duration_ms":1E2},{"duration_ms":1e+1},{"duration_ms":-1.5e1},{"duration_ms":123.999},{"duration_ms":0.5},{"duration_ms":2e3}]', "",
     ok('{"total_events":6,"unique_users":0,"p95_duration_ms":123,"top_endpoints":[["unknown",6]],"status_counts":{"unknown":6}}')),
    ("p95_twenty",
     "[" + ",".join('{"duration_ms":%d}' % v for v in [20, 1, 19, 2, 18, 3, 17, 4, 16, 5, 15, 6, 14, 7, 13, 8, 12, 9, 11, 10]) + "]", "",
     ok('{"total_events":20,"unique_users":0,"p95_duration_ms":19,"top_endpoints":[["unknown",20]],"status_counts":{"unknown":20}}')),
    ("p95_twenty_one",
     "[" + ",".join('{"duration_ms":%d}' % v for v in range(21, 0, -1)) + "]", "",
     ok('{"total_events":21,"unique_users":0,"p95_duration_ms":20,"top_endpoints":[["unknown",21]],"status_counts":{"unknown":21}}')),
    ("p95_ignores_non_objects", r'[{"duration_ms":3},7,{"duration_ms":1},"9",{"duration_ms":2}]', "",
     ok('{"total_events":5,"unique_users":0,"p95_duration_ms":2,"top_endpoints":[["unknown",3]],"status_counts":{"unknown":3}}')),
    ("top5_ties",
     "[" + ",".join('{"endpoint":"%s"}' % e for e in ["/b", "/a", "/c", "/Z", "/b", "/z", "/é", "/a", "/d", "/Z", "/c", "/b", "/a"]) + "]", "",
     ok('{"total_events":13,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["/a",3],["/b",3],["/Z",2],["/c",2],["/d",1]],"status_counts":{"unknown":13}}')),
    ("many_statuses",
     "[" + ",".join('{"status":"s%02d"}' % i for i in range(39, -1, -1)) + "]", "",
     ok('{"total_events":40,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",40]],"status_counts":{'
        + ",".join('"s%02d":1' % i for i in range(40)) + '}}')),
    ("top5_fewer_than_five", r'[{"endpoint":"/x"},{"endpoint":"unknown"},{}]', "",
     ok('{"total_events":3,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",2],["/x",1]],"status_counts":{"unknown":3}}')),
    ("unicode_and_control_strings",
     '[{"endpoint":"/caf\\u00e9","status":"\\u2028","user_id":"\\ud83d\\ude00"},'
     '{"endpoint":"/caf\u00e9","status":"a\\"b\\\\c","user_id":"\U0001F600"},'
     '{"endpoint":"\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\\u007f","status":"\\u2029"},'
     '{"endpoint":"/\\/x"},'
     '{"status":"\u2028"},'
     '{"end\\u0070oint":"/p","user_id":"\\u00E9"}]', "",
     ok('{"total_events":6,"unique_users":2,"p95_duration_ms":0,"top_endpoints":[["/caf\u00e9",2],'
        '["\\u0000\\u0001\\b\\t\\n\\f\\r\\u001f\u007f",1],["//x",1],["/p",1],["unknown",1]],'
        '"status_counts":{"a\\"b\\\\c":1,"unknown":2,"\\u2028":2,"\\u2029":1}}')),
    ("duplicate_keys",
     r'[{"endpoint":"/first","endpoint":"/second","status":500,"status":"201","user_id":"a","user_id":null,"duration_ms":1e400,"duration_ms":8}]', "",
     ok('{"total_events":1,"unique_users":0,"p95_duration_ms":8,"top_endpoints":[["/second",1]],"status_counts":{"201":1}}')),
    ("duplicate_key_last_invalid", r'[{"duration_ms":5,"duration_ms":1e400}]', "", INVALID),
    ("int64_edges",
     r'[{"status":9223372036854775807,"user_id":-9223372036854775808,"duration_ms":9223372036854775807},{"status":-9223372036854775808,"user_id":9223372036854775807,"duration_ms":-9223372036854775808}]', "",
     ok('{"total_events":2,"unique_users":2,"p95_duration_ms":-9223372036854775808,"top_endpoints":[["unknown",2]],"status_counts":{"-9223372036854775808":1,"9223372036854775807":1}}')),
    ("int64_beyond_status_and_user",
     r'[{"status":9223372036854775808,"user_id":9223372036854775808},{"status":-9223372036854775809,"user_id":-9223372036854775809},{"status":18446744073709551616,"user_id":100000000000000000000000}]', "",
     ok('{"total_events":3,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["unknown",3]],"status_counts":{"unknown":3}}')),
    ("duration_beyond_max", r'[{"duration_ms":9223372036854775808}]', "", INVALID),
    ("duration_beyond_min", r'[{"duration_ms":-9223372036854775809}]', "", INVALID),
    ("duration_float_beyond", r'[{"duration_ms":9.3e18}]', "", INVALID),
    ("duration_float_two_pow_63", r'[{"duration_ms":9223372036854775807.0}]', "", INVALID),
    ("duration_huge_exponent", r'[{"duration_ms":1e400}]', "", INVALID),
    ("duration_float_edges",
     r'[{"duration_ms":-9223372036854775808.0},{"duration_ms":9223372036854774784.0},{"duration_ms":9223372036854775807}]', "",
     ok('{"total_events":3,"unique_users":0,"p95_duration_ms":9223372036854774784,"top_endpoints":[["unknown",3]],"status_counts":{"unknown":3}}')),
    ("ignored_fields_out_of_range",
     r'[{"other":1e400,"n":123456789012345678901234567890,"meta":{"endpoint":"/nested","status":500,"duration_ms":1e400},"status":[200],"endpoint":"/a"}]', "",
     ok('{"total_events":1,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["/a",1]],"status_counts":{"unknown":1}}')),
    ("base64_body",
     r'[{"endpoint":"/a","status":200,"duration_ms":5,"user_id":"u1"},{"endpoint":"/b","status":500,"duration_ms":9}]', "b64",
     ok('{"total_events":2,"unique_users":1,"p95_duration_ms":5,"top_endpoints":[["/a",1],["/b",1]],"status_counts":{"200":1,"500":1}}')),
    ("base64_non_ascii", '[{"endpoint":"/\u00fcber","user_id":"\u00e9"}]', "b64",
     ok('{"total_events":1,"unique_users":1,"p95_duration_ms":0,"top_endpoints":[["/\u00fcber",1]],"status_counts":{"unknown":1}}')),
    ("base64_invalid", "not base64!!", "b64_verbatim", INVALID),
    ("invalid_utf8_byte", b'[{"endpoint":"\xff"}]', "", INVALID),
    ("invalid_utf8_in_ignored_field", b'[{"x":"a\xc3"}]', "", INVALID),
    ("invalid_utf8_overlong", b'["\xc0\xaf"]', "", INVALID),
    ("invalid_utf8_encoded_surrogate", b'["\xed\xa0\x80"]', "", INVALID),
    ("invalid_utf8_truncated_sequence", b'["\xe2\x82"]', "", INVALID),
    ("invalid_json_trailing_comma", r'[{"endpoint":"/a",}]', "", INVALID),
    ("invalid_json_trailing_garbage", "[] x", "", INVALID),
    ("invalid_json_two_values", "[][]", "", INVALID),
    ("invalid_json_leading_zero", r'[{"duration_ms":01}]', "", INVALID),
    ("invalid_json_bare_minus", "[-]", "", INVALID),
    ("invalid_json_dot_number", "[.5]", "", INVALID),
    ("invalid_json_trailing_dot", "[1.]", "", INVALID),
    ("invalid_json_plus", "[+1]", "", INVALID),
    ("invalid_json_bad_escape", r'["\x"]', "", INVALID),
    ("invalid_json_short_unicode_escape", r'["\u12"]', "", INVALID),
    ("invalid_json_bad_literal", "[tru]", "", INVALID),
    ("invalid_json_single_quotes", "[{'endpoint':'/a'}]", "", INVALID),
    ("invalid_json_raw_control_char", '["a\u0001b"]', "", INVALID),
    ("invalid_json_raw_tab_in_string", '["a\tb"]', "", INVALID),
    ("invalid_json_unquoted_key", "[{endpoint:1}]", "", INVALID),
    ("truncated", r'[{"endpoint":"/a","status":200', "", INVALID),
    ("truncated_string", r'[{"endpoint":"/a', "", INVALID),
    ("truncated_array", "[1,", "", INVALID),
    ("top_level_object", r'{"endpoint":"/a"}', "", INVALID),
    ("top_level_number", "42", "", INVALID),
    ("top_level_string", r'"[]"', "", INVALID),
    ("top_level_null", "null", "", INVALID),
    ("top_level_true", "true", "", INVALID),
    ("whitespace_only", "  ", "", INVALID),
    ("nan", r'[{"duration_ms":NaN}]', "", INVALID),
    ("infinity", r'[{"duration_ms":Infinity}]', "", INVALID),
    ("minus_infinity", r'[{"duration_ms":-Infinity}]', "", INVALID),
    ("nan_in_ignored_field", r'[{"x":NaN}]', "", INVALID),
    ("lone_high_surrogate", r'[{"endpoint":"\ud800"}]', "", INVALID),
    ("lone_low_surrogate_in_ignored_field", r'[{"x":"\udc00"}]', "", INVALID),
    ("reversed_surrogate_pair", r'["\udc00\ud800"]', "", INVALID),
    ("high_surrogate_then_letter", r'["\ud800\u0041"]', "", INVALID),
    ("lone_surrogate_in_key", r'[{"\ud800":1}]', "", INVALID),
    ("surrogate_pair_valid", r'[{"endpoint":"\uD83D\uDE00"}]', "",
     ok('{"total_events":1,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["\U0001F600",1]],"status_counts":{"unknown":1}}')),
    # The event itself escapes the body's characters (as a host may: "\u005b" is "[").
    ("event_level_escapes", '{"body":"\\u005b{\\"endpoint\\":\\"/caf\\u00e9\\",\\"status\\":\\u0032\\u0030\\u0030}\\u005d","isBase64Encoded":false}', "raw_event",
     ok('{"total_events":1,"unique_users":0,"p95_duration_ms":0,"top_endpoints":[["/caf\u00e9",1]],"status_counts":{"200":1}}')),
    ("event_level_lone_surrogate", '{"body":"[\\"\\ud800\\"]","isBase64Encoded":false}', "raw_event", INVALID),
    ("event_body_not_string", '{"body":5,"isBase64Encoded":false}', "raw_event", INVALID),
    ("event_not_object", "[]", "raw_event", INVALID),
]


def event_text(body, options):
    if options == "raw_event":
        return body
    event = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": "",
        "headers": {"content-type": "application/json", "host": "telemetry.lambda-url.localhost"},
        "requestContext": {"http": {"method": "POST", "path": "/"}, "stage": "$default"},
    }
    if isinstance(body, bytes):
        event["body"] = base64.b64encode(body).decode("ascii")
        event["isBase64Encoded"] = True
    elif options == "b64":
        event["body"] = base64.b64encode(body.encode("utf-8")).decode("ascii")
        event["isBase64Encoded"] = True
    elif options == "b64_verbatim":
        event["body"] = body
        event["isBase64Encoded"] = True
    else:
        if body is not MISSING:
            event["body"] = body
        event["isBase64Encoded"] = False
    return json.dumps(event, ensure_ascii=False)


def main():
    names = set()
    for name, body, options, expected in CASES:
        assert name not in names, name
        names.add(name)
        with open(os.path.join(HERE, name + ".event.json"), "w", encoding="utf-8", newline="") as f:
            f.write(event_text(body, options) + "\n")
        with open(os.path.join(HERE, name + ".expected"), "w", encoding="utf-8", newline="") as f:
            f.write(expected + "\n")
    print(f"{len(CASES)} cases written")


if __name__ == "__main__":
    main()
