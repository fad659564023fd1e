//! Writes a simulated run as a pcapng capture that Wireshark (or tshark) opens.
//!
//! ```text
//! cargo run --release --example export_pcap -- --lesson ID [--seed N] [--seconds S] --out FILE
//! cargo run --release --example export_pcap -- --scenario FILE.json [--seed N] [--seconds S] --out FILE
//! ```
//! A lesson is played with its solution (so the capture shows what it teaches), then run until
//! `S` virtual seconds (default 60). `--protocol 5` makes every client speak MQTT 5.0.

use mqtt_playground::core::pcap;
use mqtt_playground::core::sim::lessons::lesson;
use mqtt_playground::core::sim::{Protocol, Run, Scenario};
use mqtt_playground::core::time::Time;
use mqtt_playground::i18n::Lang;

fn usage(problem: &str) -> ! {
    eprintln!("{problem}");
    eprintln!(
        "usage: export_pcap (--lesson ID | --scenario FILE.json) [--seed N] [--seconds S] \
         [--protocol 3.1.1|5] --out FILE"
    );
    std::process::exit(2)
}

fn main() {
    let mut lesson_id = None;
    let mut scenario_path = None;
    let mut seed = None;
    let mut seconds = 60u64;
    let mut out = None;
    let mut protocol = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--lesson" => lesson_id = Some(value()),
            "--scenario" => scenario_path = Some(value()),
            "--seed" => {
                seed = Some(
                    value()
                        .parse()
                        .unwrap_or_else(|_| usage("--seed takes a number")),
                )
            }
            "--seconds" => {
                seconds = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--seconds takes a number"))
            }
            "--protocol" => {
                protocol = Some(match value().as_str() {
                    "3.1.1" => Protocol::V311,
                    "5" | "5.0" => Protocol::V5,
                    _ => usage("--protocol is 3.1.1 or 5"),
                })
            }
            "--out" => out = Some(value()),
            _ => usage(&format!("unknown argument {arg}")),
        }
    }
    let out = out.unwrap_or_else(|| usage("--out is required"));
    let (mut scenario, steps) = match (&lesson_id, &scenario_path) {
        (Some(id), None) => {
            let l = lesson(id).unwrap_or_else(|| usage(&format!("no lesson {id}")));
            let s = l.scenario().unwrap_or_else(|e| usage(&e.to_string()));
            (s, l.solution())
        }
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|e| usage(&format!("cannot read {path}: {e}")));
            let s = Scenario::from_json(&text).unwrap_or_else(|e| usage(&format!("{path}: {e}")));
            (s, Vec::new())
        }
        _ => usage("give one of --lesson and --scenario"),
    };
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    if let Some(p) = protocol {
        for d in &mut scenario.devices {
            d.protocol = p;
        }
    }
    let mut run = Run::new(&scenario).unwrap_or_else(|e| usage(&e.to_string()));
    for step in steps {
        run.run_for(step.wait_ms);
        if let Err(e) = run.apply(step.action) {
            usage(&e.to_string());
        }
    }
    let end = Time::from_secs(seconds);
    if run.now() < end {
        run.run_until(end, usize::MAX);
    }
    let exported = pcap::from_trace(run.trace(), &|c| c.text(Lang::En));
    if let Err(e) = std::fs::write(&out, &exported.bytes) {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {} MQTT packets to {out}", exported.mqtt_packets);
}
