//! Serves the sans-IO broker core over TCP on 127.0.0.1 with the real clock, on one `mio`
//! event loop: sockets are read as they become readable (no polling sleeps), so packets are
//! handled in the order they arrive; bytes go out as sockets accept them. A connection the
//! broker closes is closed as brokers do: its last bytes (a DISCONNECT and its reason code)
//! are written, writing is shut down, what the client still sends is drained for a moment,
//! then the socket closes — a client that sent more than the broker read still reads the
//! DISCONNECT instead of a reset. Used by the `tcp_broker` example, the differential tests
//! against mosquitto and `tests/tcp_adapter.rs`.
#![allow(clippy::disallowed_methods)] // the adapter is where the real clock comes in

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

use mqtt_playground::core::broker::{Broker, BrokerConfig, Output};
use mqtt_playground::core::time::Time;
use mqtt_playground::core::trace::ConnId;

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
/// How long a closing connection's late bytes are drained before the socket closes.
const DRAIN: Duration = Duration::from_millis(500);
/// The longest wait between two looks at the broker's timers.
const TICK: Duration = Duration::from_millis(100);

/// A running server; dropping it stops the event loop and closes every socket.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Arc<AtomicBool>,
    waker: Arc<Waker>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.waker.wake();
    }
}

/// One client socket.
struct Conn {
    stream: TcpStream,
    /// Bytes the broker sent that the socket has not taken yet.
    out: Vec<u8>,
    /// The broker closed it: after `out` is written, writing is shut down and reads are
    /// drained until the client closes or this deadline passes.
    closing: Option<Instant>,
    /// Writing was shut down.
    write_shut: bool,
    /// The broker knows it is closed (it asked for the close, or was told).
    told: bool,
}

/// Binds 127.0.0.1:`port` (0 picks a free port) and serves the broker in the background.
pub fn start(config: BrokerConfig, port: u16) -> io::Result<Server> {
    let mut listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    let addr = listener.local_addr()?;
    let poll = Poll::new()?;
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let stop = Arc::new(AtomicBool::new(false));
    let looping = stop.clone();
    thread::spawn(move || {
        let _ = serve(poll, listener, Broker::new(config), &looping);
    });
    Ok(Server { addr, stop, waker })
}

/// The event loop: accept, read, hand bytes to the broker in arrival order, write what it
/// answers, close as it asks.
fn serve(
    mut poll: Poll,
    listener: TcpListener,
    mut broker: Broker,
    stop: &AtomicBool,
) -> io::Result<()> {
    let start = Instant::now();
    let now = || Time::from_millis(start.elapsed().as_millis() as u64);
    let mut conns: BTreeMap<ConnId, Conn> = BTreeMap::new();
    let mut events = Events::with_capacity(256);
    let mut buf = vec![0u8; 64 * 1024];
    let mut next = 1u64; // tokens 0 and 1 are the listener's and the waker's
    while !stop.load(Ordering::SeqCst) {
        let wait = broker
            .poll_timeout()
            .map_or(TICK, |t| Duration::from_millis(t - now()))
            .min(TICK);
        if let Err(e) = poll.poll(&mut events, Some(wait)) {
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        for event in events.iter() {
            match event.token() {
                LISTENER => loop {
                    match listener.accept() {
                        Ok((mut stream, _)) => {
                            next += 1;
                            let conn = ConnId(next);
                            let _ = stream.set_nodelay(true);
                            let interest = Interest::READABLE | Interest::WRITABLE;
                            if poll
                                .registry()
                                .register(&mut stream, Token(next as usize), interest)
                                .is_err()
                            {
                                continue;
                            }
                            conns.insert(
                                conn,
                                Conn {
                                    stream,
                                    out: Vec::new(),
                                    closing: None,
                                    write_shut: false,
                                    told: false,
                                },
                            );
                            broker.handle_open(now(), conn);
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(_) => break,
                    }
                },
                WAKER => {}
                Token(t) => {
                    let conn = ConnId(t as u64);
                    let Some(c) = conns.get_mut(&conn) else {
                        continue;
                    };
                    if event.is_readable() && !read(c, conn, &mut buf, &mut broker, now()) {
                        // The client closed (or its socket failed).
                        if !c.told {
                            broker.handle_close(now(), conn);
                        }
                        conns.remove(&conn);
                        continue;
                    }
                    if event.is_writable() {
                        flush(c);
                    }
                }
            }
            deliver(&mut broker, &mut conns);
        }
        broker.handle_timeout(now());
        deliver(&mut broker, &mut conns);
        // Closing connections: shut writing once their last bytes are out; close them when
        // the client has gone or the drain is over.
        let at = Instant::now();
        conns.retain(|conn, c| {
            let Some(deadline) = c.closing else {
                return true;
            };
            flush(c);
            if c.out.is_empty() && !c.write_shut {
                let _ = c.stream.shutdown(Shutdown::Write);
                c.write_shut = true;
            }
            let keep = at < deadline;
            if !keep && !c.told {
                broker.handle_close(now(), *conn);
            }
            keep
        });
        deliver(&mut broker, &mut conns);
        let _ = broker.poll_trace(); // the adapter keeps no trace
    }
    Ok(())
}

/// Reads what the socket has; the broker gets it at once, unless the connection is closing
/// (then it is drained). `false` when the client closed or the socket failed.
fn read(c: &mut Conn, conn: ConnId, buf: &mut [u8], broker: &mut Broker, now: Time) -> bool {
    loop {
        match c.stream.read(buf) {
            Ok(0) => return false,
            Ok(n) if c.closing.is_none() => broker.handle_bytes(now, conn, &buf[..n]),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// Writes what the socket accepts now; the rest waits for it to become writable.
fn flush(c: &mut Conn) {
    while !c.out.is_empty() {
        match c.stream.write(&c.out) {
            Ok(0) => break,
            Ok(n) => {
                c.out.drain(..n);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            // The client is gone: the connection closes on the loop's next look.
            Err(_) => {
                c.out.clear();
                c.closing.get_or_insert_with(Instant::now);
                break;
            }
        }
    }
}

/// Takes the broker's outputs: bytes queue on their socket and go out as it accepts them; a
/// close starts the connection's drain.
fn deliver(broker: &mut Broker, conns: &mut BTreeMap<ConnId, Conn>) {
    while let Some(out) = broker.poll_output() {
        match out {
            Output::Transmit { conn, bytes } => {
                if let Some(c) = conns.get_mut(&conn).filter(|c| c.closing.is_none()) {
                    c.out.extend_from_slice(&bytes);
                    flush(c);
                }
            }
            Output::Close { conn } => {
                if let Some(c) = conns.get_mut(&conn) {
                    flush(c);
                    c.told = true;
                    c.closing = Some(Instant::now() + DRAIN);
                }
            }
        }
    }
}
