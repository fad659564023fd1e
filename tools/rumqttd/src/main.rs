//! rumqttd with a config file: `rumqttd -c FILE` (other flags are ignored), as its own
//! binary runs it, without its banner and logs.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(file) = args
        .iter()
        .position(|a| a == "-c" || a == "--config")
        .and_then(|i| args.get(i + 1))
    else {
        eprintln!("usage: rumqttd -c CONFIG.toml");
        std::process::exit(2);
    };
    let config = config::Config::builder()
        .add_source(config::File::with_name(file))
        .build()
        .and_then(|c| c.try_deserialize::<rumqttd::Config>());
    let config = match config {
        Ok(config) => config,
        Err(e) => {
            eprintln!("rumqttd: {file}: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = rumqttd::Broker::new(config).start() {
        eprintln!("rumqttd: {e}");
        std::process::exit(1);
    }
}
