// A hello-world custom runtime in Rust with the standard library only (no crates: this machine has no
// crates.io). It is a calibration point of the lab's AWS estimate, not an example to copy.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

fn request(api: &str, method: &str, path: &str, body: &[u8]) -> (Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(api).expect("runtime api");
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {api}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).unwrap();
    stream.write_all(body).unwrap();
    let mut reader = BufReader::new(stream);
    let mut headers = Vec::new();
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let trimmed = line.trim_end();
        if trimmed.is_empty() { break; }
        if let Some((name, value)) = trimmed.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let length: usize = headers.iter().find(|(n, _)| n == "content-length").map(|(_, v)| v.parse().unwrap()).unwrap_or(0);
    let mut payload = vec![0u8; length];
    reader.read_exact(&mut payload).unwrap();
    (headers, payload)
}

fn main() {
    let api = std::env::var("AWS_LAMBDA_RUNTIME_API").expect("AWS_LAMBDA_RUNTIME_API");
    loop {
        let (headers, _event) = request(&api, "GET", "/2018-06-01/runtime/invocation/next", b"");
        let id = headers.iter().find(|(n, _)| n == "lambda-runtime-aws-request-id").map(|(_, v)| v.clone()).unwrap();
        let path = format!("/2018-06-01/runtime/invocation/{id}/response");
        request(&api, "POST", &path, br#"{"statusCode":200,"body":"hello from rust"}"#);
    }
}
