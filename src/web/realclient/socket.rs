//! The WebSocket under the session: opening it (subprotocol `mqtt`, binary frames), bytes in
//! and out (packets joined into one frame per task), closing, and the one timer for the next
//! deadline. Each connection has a generation: a closed socket's late events and timers find
//! a newer generation and do nothing.

use super::*;

/// Bytes of packets joined into one WebSocket frame at most before it is sent.
const BATCH: usize = 64 * 1024;

/// Sends the joined packets as one frame.
pub(super) fn flush(live: &mut Live) {
    if live.outbox.is_empty() {
        return;
    }
    if let Some(ws) = live.ws.as_ref() {
        let _ = ws.send_with_u8_array(&live.outbox);
    }
    live.outbox.clear();
}

/// Ends the current connection's generation: its socket's handlers are taken off and dropped
/// once the running task ends (one of them may be running now), and its keep-alive timer stops.
pub(super) fn retire(live: &mut Live) {
    live.generation += 1;
    if let Some(ws) = live.ws.take() {
        ws.set_onopen(None);
        ws.set_onmessage(None);
        ws.set_onclose(None);
    }
    if let Some((_, handle)) = live.wake.take() {
        handle.clear();
    }
    let callbacks = std::mem::take(&mut live.callbacks);
    if !callbacks.is_empty() {
        wasm_bindgen_futures::spawn_local(async move { drop(callbacks) });
    }
}

impl RealClient {
    /// Whether `generation` is still the current connection's.
    pub(super) fn current(&self, generation: u64) -> bool {
        self.0.borrow().generation == generation
    }

    pub(super) fn open(&self) {
        let Some(url) = self.0.borrow().url.clone() else {
            return;
        };
        let generation = {
            let mut live = self.0.borrow_mut();
            live.generation += 1;
            live.generation
        };
        let ws = match web_sys::WebSocket::new_with_str(&url.as_string(), "mqtt") {
            Ok(ws) => ws,
            Err(_) => {
                let mut live = self.0.borrow_mut();
                live.problem = Some(Problem::Closed {
                    code: 1006,
                    before_open: true,
                    secure: url.secure,
                });
                live.status = Status::Idle;
                self.changed(&mut live);
                return;
            }
        };
        ws.set_binary_type(web_sys::BinaryType::Arraybuffer);
        let me = self.clone();
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if me.current(generation) {
                me.on_open();
            }
        });
        let me = self.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if !me.current(generation) {
                return;
            }
            if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
                if let Ok(buf) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
                    me.on_frame(&js_sys::Uint8Array::new(&buf));
                }
            }
        });
        let me = self.clone();
        let on_close = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if !me.current(generation) {
                return;
            }
            let code = e
                .dyn_ref::<web_sys::CloseEvent>()
                .map_or(1006, |c| c.code());
            me.on_close(code);
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        let mut live = self.0.borrow_mut();
        live.callbacks = vec![on_open, on_message, on_close];
        live.ws = Some(ws);
        live.opened = false;
        live.status = Status::Connecting;
        self.changed(&mut live);
        drop(live);
    }

    pub(super) fn on_open(&self) {
        let mut live = self.0.borrow_mut();
        live.opened = true;
        if let Some(s) = live.session.as_mut() {
            s.start(now());
        }
        live.supervisor.supervisor.handle_opened(now());
        drop(live);
        self.pump();
    }

    pub(super) fn on_frame(&self, frame: &js_sys::Uint8Array) {
        let mut guard = self.0.borrow_mut();
        let live = &mut *guard;
        // One reusable buffer for incoming frames: no allocation per message.
        live.scratch.resize(frame.length() as usize, 0);
        frame.copy_to(&mut live.scratch);
        if let Some(c) = live.capture.as_mut() {
            c.incoming(now().millis(), &live.scratch);
        }
        if let Some(s) = live.session.as_mut() {
            s.handle_bytes(now(), &live.scratch);
        }
        drop(guard);
        self.pump();
    }

    pub(super) fn on_close(&self, code: u16) {
        let mut guard = self.0.borrow_mut();
        let live = &mut *guard;
        let worked = live.status == Status::Connected;
        // Closed after the CONNECT went out, before any CONNACK: the broker gave no answer.
        let unanswered = (live.session.as_ref())
            .filter(|s| live.opened && s.state() == crate::core::client::State::Connecting)
            .map(|s| s.version());
        if let Some(s) = live.session.as_mut() {
            s.handle_closed();
        }
        retire(live);
        // Packets not yet sent belonged to that connection; the session resends what counts.
        live.outbox.clear();
        if let Some(c) = live.capture.as_mut() {
            c.closed();
        }
        let secure = live.url.as_ref().is_some_and(|u| u.secure);
        let refused = matches!(
            live.problem,
            Some(Problem::Refused { .. } | Problem::NoAnswer { .. } | Problem::Malformed { .. })
        );
        let sup = &mut live.supervisor.supervisor;
        if sup.wants_online() && !refused {
            live.problem = Some(match unanswered {
                Some(version) => Problem::ClosedBeforeConnack { version },
                None => Problem::Closed {
                    code,
                    before_open: !live.opened,
                    secure,
                },
            });
        }
        // A failed attempt counts once: a refusal or a missed CONNACK was counted already.
        let sup = &mut live.supervisor.supervisor;
        if !worked && !refused {
            sup.handle_unanswered();
        }
        let rng = &mut live.supervisor.rng;
        let retry = (live.supervisor.supervisor)
            .handle_lost(now(), |n| rng.below(n))
            .is_some();
        live.status = if retry {
            Status::Reconnecting
        } else {
            Status::Idle
        };
        self.changed(live);
        self.arm_timer(live);
    }

    /// Sends the packets waiting in `outbox`: at once past [`BATCH`] bytes, otherwise in one
    /// WebSocket frame when the current task ends, so a burst of publishes becomes a few
    /// frames instead of one per packet (a frame may hold several packets; receivers must not
    /// assume packets align with frames [MQTT-6.0.0-2]).
    pub(super) fn send_soon(&self, live: &mut Live) {
        if live.outbox.len() >= BATCH {
            flush(live);
        } else if !live.outbox.is_empty() && !live.flush_queued {
            live.flush_queued = true;
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut live = me.0.borrow_mut();
                live.flush_queued = false;
                flush(&mut live);
            });
        }
    }

    /// Sends what the session has, handles its events.
    pub(super) fn pump(&self) {
        loop {
            let mut guard = self.0.borrow_mut();
            let live = &mut *guard;
            let Some(session) = live.session.as_mut() else {
                return;
            };
            let mut out = std::mem::take(&mut live.outbox);
            while let Some(b) = session.poll_transmit() {
                out.extend_from_slice(&b);
                if let Some(c) = live.capture.as_mut() {
                    c.outgoing(now().millis(), &b);
                }
            }
            let event = live.session.as_mut().and_then(ClientSession::poll_event);
            live.pending = live.session.as_ref().map_or(0, ClientSession::in_flight);
            live.outbox = out;
            self.send_soon(live);
            let Some(event) = event else {
                self.changed(live);
                self.arm_timer(live);
                return;
            };
            drop(guard);
            self.on_event(event);
        }
    }

    /// Arms the timer for the next deadline: the session's keep-alive, or the supervisor's
    /// CONNACK deadline or next attempt. A timer already armed for an earlier time stays (it
    /// fires, finds nothing due yet, and arms again): sending does not cost a timer each.
    pub(super) fn arm_timer(&self, live: &mut Live) {
        let session = live.session.as_ref().and_then(ClientSession::poll_timeout);
        let due = match (session, live.supervisor.supervisor.poll_timeout()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let armed = live.wake.as_ref().map(|(at, _)| *at);
        if due.is_none() || armed.is_some_and(|at| Some(at) <= due) {
            return;
        }
        if let Some((_, handle)) = live.wake.take() {
            handle.clear();
        }
        let Some(due) = due else { return };
        let wait = due.millis().saturating_sub(now().millis());
        let generation = live.generation;
        let me = self.clone();
        let handle = leptos::prelude::set_timeout_with_handle(
            move || {
                if !me.current(generation) {
                    return;
                }
                let mut live = me.0.borrow_mut();
                live.wake = None;
                let at = now();
                if let Some(s) = live.session.as_mut() {
                    s.handle_timeout(at);
                }
                let due = live.supervisor.supervisor.handle_timeout(at);
                let reconnecting = live.status == Status::Reconnecting;
                let seconds =
                    (live.supervisor.supervisor.policy().connack_ms).map_or(0, |ms| ms / 1000);
                drop(live);
                match due {
                    Some(Due::Reconnect) if reconnecting => me.open(),
                    Some(Due::NoConnack) => {
                        // No CONNACK in time: the doctor says so and the socket closes.
                        me.0.borrow_mut().problem = Some(Problem::NoAnswer { seconds });
                        me.close();
                    }
                    _ => me.pump(),
                }
            },
            std::time::Duration::from_millis(wait),
        );
        if let Ok(handle) = handle {
            live.wake = Some((due, handle));
        }
    }
}
