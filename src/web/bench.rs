//! Benchmark entry points (called from `e2e/client-bench.mjs` through `window.wasmBindings`):
//! this client's throughput and latency against a real broker, measured in the page beside
//! MQTT.js. Not used by the app itself: only the exports are in the main module, their code
//! is fetched on the first call.

use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use wasm_bindgen::prelude::*;

use crate::core::codec::{SubscriptionOptions, Version};
use crate::core::types::QoS;
use crate::web::realclient::{client_op, ClientOp};
use crate::web::realclient::{Options, RealClient, Status};

use crate::web::wall::now_ms as now;

async fn connected(url: &str, version: u8, id: &str) -> Result<RealClient, JsValue> {
    let client = RealClient::default();
    let options = Options {
        url: url.to_string(),
        version: if version == 5 {
            Version::V5
        } else {
            Version::V311
        },
        client_id: id.to_string(),
        username: String::new(),
        password: String::new(),
        keep_alive: 60,
        clean: true,
        will: (String::new(), String::new()),
        will_retain: false,
        topic_aliases: false,
    };
    // (The error's text would bring the doctor's words into the main module: the bench's
    // broker is local and known, so a refusal is named, not explained.)
    client_op(&client, ClientOp::Connect(options))
        .await
        .map_err(|_| JsValue::from_str("the real client refused the connection's options"))?;
    for _ in 0..500 {
        if client.0.borrow().status == Status::Connected {
            return Ok(client);
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    Err(JsValue::from_str("no CONNACK"))
}

/// Does `o` on the client (its code is fetched with the real panel's chunk).
async fn op(client: &RealClient, o: ClientOp) -> Result<(), JsValue> {
    client_op(client, o)
        .await
        .map_err(|_| JsValue::from_str("the real client refused the request"))
}

/// Waits until `total` messages have arrived.
async fn received(client: &RealClient, total: u64) {
    if client.0.borrow().inbox.received_total >= total {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        client.0.borrow_mut().inbox.waiter = Some((total, resolve));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// [`bench_throughput`]'s run.
async fn throughput(
    url: String,
    version: u8,
    count: u32,
    qos: u8,
    size: u32,
) -> Result<f64, JsValue> {
    let client = connected(&url, version, &format!("bench-tp-{qos}")).await?;
    let topic = format!("bench/tp/{qos}");
    let options = SubscriptionOptions::qos(QoS::from_u8(qos).unwrap_or(QoS::AtMostOnce));
    op(&client, ClientOp::Subscribe(topic.clone(), options)).await?;
    gloo_timers::future::TimeoutFuture::new(200).await;
    let payload = Bytes::from(vec![b'x'; size as usize]);
    let start = now();
    for _ in 0..count {
        op(
            &client,
            ClientOp::Publish(topic.clone(), payload.clone(), qos, false),
        )
        .await?;
    }
    received(&client, u64::from(count)).await;
    let elapsed = now() - start;
    op(&client, ClientOp::Close).await?;
    Ok(elapsed)
}

/// [`bench_latency`]'s run.
async fn latency(url: String, version: u8, count: u32) -> Result<Vec<f64>, JsValue> {
    let client = connected(&url, version, "bench-lat").await?;
    let topic = "bench/lat".to_string();
    op(
        &client,
        ClientOp::Subscribe(topic.clone(), SubscriptionOptions::default()),
    )
    .await?;
    gloo_timers::future::TimeoutFuture::new(200).await;
    let payload = Bytes::from_static(&[b'x'; 64]);
    let mut out = Vec::with_capacity(count as usize);
    for i in 0..count {
        let start = now();
        op(
            &client,
            ClientOp::Publish(topic.clone(), payload.clone(), 0, false),
        )
        .await?;
        received(&client, u64::from(i) + 1).await;
        out.push(now() - start);
    }
    op(&client, ClientOp::Close).await?;
    Ok(out)
}

/// A bench's run, started in its chunk.
type Running<T> = Pin<Box<dyn Future<Output = Result<T, JsValue>>>>;

crate::web::lazy::split_fn!(
    bench,
    fetch_bench,
    fn start_throughput(url: String, version: u8, count: u32, qos: u8, size: u32) -> Running<f64> {
        Box::pin(throughput(url, version, count, qos, size))
    }
);

crate::web::lazy::split_fn!(
    bench,
    fetch_bench_latency,
    fn start_latency(url: String, version: u8, count: u32) -> Running<Vec<f64>> {
        Box::pin(latency(url, version, count))
    }
);

fn unfetched(_: crate::web::lazy::LoadError) -> JsValue {
    JsValue::from_str("the bench's code could not be fetched")
}

/// Publishes `count` messages of `size` bytes at `qos` to a topic this client subscribes to;
/// returns the milliseconds until the last one arrived back.
#[wasm_bindgen]
pub async fn bench_throughput(
    url: String,
    version: u8,
    count: u32,
    qos: u8,
    size: u32,
) -> Result<f64, JsValue> {
    (start_throughput(url, version, count, qos, size).await)
        .map_err(unfetched)?
        .await
}

/// Publish → receive latency of `count` messages, one at a time; returns each in ms.
#[wasm_bindgen]
pub async fn bench_latency(url: String, version: u8, count: u32) -> Result<Vec<f64>, JsValue> {
    (start_latency(url, version, count).await)
        .map_err(unfetched)?
        .await
}
