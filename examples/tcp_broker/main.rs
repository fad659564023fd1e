//! The broker core over TCP on 127.0.0.1, for real clients and conformance suites.
//!
//! `cargo run --release --example tcp_broker -- --port PORT [--config FILE]`
//! The config is JSON (see `BrokerConfig`): users, ACLs, anonymous access, limits.

// A TCP server on `mio`: native only (the wasm32 build of the examples gets an empty main).
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

#[cfg(not(target_arch = "wasm32"))]
mod adapter;

use mqtt_playground::core::broker::BrokerConfig;

#[cfg(target_arch = "wasm32")]
fn main() {}

fn usage() -> ! {
    eprintln!("usage: tcp_broker --port PORT [--config FILE.json]");
    std::process::exit(2)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut port: Option<u16> = None;
    let mut config = BrokerConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).or_else(|| usage()),
            "--config" => {
                let Some(path) = args.next() else { usage() };
                let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    eprintln!("cannot read {path}: {e}");
                    std::process::exit(1)
                });
                config = BrokerConfig::from_json(&text).unwrap_or_else(|e| {
                    eprintln!("{path}: {e}");
                    std::process::exit(1)
                });
            }
            _ => usage(),
        }
    }
    let Some(port) = port else { usage() };
    let server = adapter::start(config, port).unwrap_or_else(|e| {
        eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
        std::process::exit(1)
    });
    println!("listening on {}", server.addr);
    loop {
        std::thread::park();
    }
}
