//! Entry point: in the browser, install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    mqtt_playground::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("MQTT Playground runs in the browser: see README.md (scripts/serve.sh).");
}
