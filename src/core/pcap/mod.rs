//! Captures as Wireshark reads them: a run (or the real client's packets) written as a pcapng
//! file of MQTT over TCP, and `.pcap` / `.pcapng` files read back into MQTT packets.
//!
//! - [`export`]: every link of the simulation is a TCP stream of its own (the device's address
//!   and port to the broker's port 1883), with its handshake, sequence and acknowledgement
//!   numbers, timestamps from the virtual clock; a lost packet is sent again (Wireshark marks
//!   it as a retransmission); a device on 8883 is marked by a packet comment (the bytes are
//!   shown decrypted, as the simulation knows them).
//! - [`read`]: frames from a capture file (pcap-parser) sliced down to TCP (etherparse);
//!   [`reassemble`] puts each stream's bytes in order (out-of-order and retransmitted segments,
//!   gaps reported); [`opened`] cuts them into MQTT packets and follows each PUBLISH.
//!
//! Pure: bytes in, bytes or data out; no clock, no files.

pub mod export;
pub mod opened;
pub mod read;
pub mod reassemble;

pub use export::{from_captured, from_trace, Exported};
pub use opened::{open, CapPacket, CapPublish, Opened, StreamInfo};
pub use read::{CaptureError, CaptureNote};

/// The broker's port in exported captures (Wireshark's MQTT dissector listens there).
pub const MQTT_PORT: u16 = 1883;
/// The TLS port: its streams cannot be read, only counted.
pub const MQTTS_PORT: u16 = 8883;
/// The largest capture file opened (larger ones are refused before they are read).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// MQTT packets listed at most (the rest are counted).
pub const MAX_PACKETS: usize = 20_000;
