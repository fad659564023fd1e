//! Serves the sans-IO broker core over TCP on 127.0.0.1 with the real clock: one thread
//! accepts, one thread per connection reads, and one thread owns the broker and writes.
//! Used by the `tcp_broker` example and by the differential tests against mosquitto.
#![allow(clippy::disallowed_methods)] // the adapter is where the real clock comes in

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use mqtt_playground::core::broker::{Broker, BrokerConfig, Output};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::trace::ConnId;

enum Event {
    Open(ConnId, TcpStream),
    Bytes(ConnId, Vec<u8>),
    Closed(ConnId),
}

/// A running server; dropping it stops accepting and stops the broker thread.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Binds 127.0.0.1:`port` (0 picks a free port) and serves the broker in the background.
pub fn start(config: BrokerConfig, port: u16) -> io::Result<Server> {
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let addr = listener.local_addr()?;
    listener.set_nonblocking(true)?;
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Event>();

    let accept_stop = stop.clone();
    thread::spawn(move || {
        let mut next = 0u64;
        while !accept_stop.load(Ordering::SeqCst) {
            match listener.accept() {
                Ok((stream, _)) => {
                    next += 1;
                    let conn = ConnId(next);
                    let _ = stream.set_nodelay(true);
                    let _ = stream.set_nonblocking(false);
                    let Ok(reader) = stream.try_clone() else {
                        continue;
                    };
                    if tx.send(Event::Open(conn, stream)).is_err() {
                        return;
                    }
                    spawn_reader(conn, reader, tx.clone());
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    thread::sleep(Duration::from_millis(5))
                }
                Err(_) => thread::sleep(Duration::from_millis(5)),
            }
        }
    });

    let loop_stop = stop.clone();
    thread::spawn(move || {
        let start = Instant::now();
        let now = || Time::from_millis(start.elapsed().as_millis() as u64);
        let mut broker = Broker::new(config);
        let mut writers: BTreeMap<ConnId, TcpStream> = BTreeMap::new();
        while !loop_stop.load(Ordering::SeqCst) {
            let wait = broker
                .poll_timeout()
                .map(|t| Duration::from_millis(t - now()))
                .unwrap_or(Duration::from_millis(100))
                .min(Duration::from_millis(100));
            match rx.recv_timeout(wait) {
                Ok(Event::Open(conn, stream)) => {
                    writers.insert(conn, stream);
                    broker.handle_open(now(), conn);
                }
                Ok(Event::Bytes(conn, bytes)) => broker.handle_bytes(now(), conn, &bytes),
                Ok(Event::Closed(conn)) => {
                    writers.remove(&conn);
                    broker.handle_close(now(), conn);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            broker.handle_timeout(now());
            while let Some(out) = broker.poll_output() {
                match out {
                    Output::Transmit { conn, bytes } => {
                        if let Some(w) = writers.get_mut(&conn) {
                            if w.write_all(&bytes).is_err() {
                                let _ = w.shutdown(Shutdown::Both);
                            }
                        }
                    }
                    Output::Close { conn } => {
                        if let Some(w) = writers.remove(&conn) {
                            let _ = w.shutdown(Shutdown::Both);
                        }
                    }
                }
            }
            let _ = broker.poll_trace(); // the adapter keeps no trace
        }
    });
    Ok(Server { addr, stop })
}

fn spawn_reader(conn: ConnId, mut stream: TcpStream, tx: Sender<Event>) {
    thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => {
                    let _ = tx.send(Event::Closed(conn));
                    return;
                }
                Ok(n) => {
                    if tx.send(Event::Bytes(conn, buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
    });
}
