//! The network stage (SVG), laid out by `page::layout` in the stage's own pixels: publishers
//! above the broker, subscribers below, each link drawn by its state, and every packet moving
//! along its link, coloured and labelled by type (a lost one stops where it fell). At the
//! teaching speed a flight takes 600 ms at least; under the broker, what it just did (a filter
//! tried, a message queued or retained), its matching subscribers lit. A device is chosen here
//! (click, tap, Enter or Space): a client becomes the acting device, an eavesdropper opens its
//! card; a queue opens the broker's view. Changes are said politely (`page::announce`). With
//! `prefers-reduced-motion`, packets jump between three positions instead of gliding.

use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::core::numbers::Fixed;
use crate::core::scenario::Protocol;

use crate::core::sim::lessons::file::Point;
use crate::core::sim::picture::{face, inside, Face};
use crate::i18n::{Lang, Msg, Text};
use crate::page::announce::{Announcer, Turn};
use crate::page::layout::{broker_edge, fit, hides, packet_at, Layout, Place, BROKER_BOX};
use crate::page::stage::{StageNote, TEACH_MS};
use crate::web::components::devices::Status;
use crate::web::components::glossary::{Term, Word};
use crate::web::components::icons::Icon;
use crate::web::components::picture;
use crate::web::state::{Ctx, Part, View};

/// The stage's width and its greatest height (the SVG's CSS `max-height`), in CSS pixels,
/// before it is measured.
const UNMEASURED: (f64, f64) = (560.0, 400.0);

/// The stage box's width and its drawing's greatest height, as laid out by CSS.
fn measure(stage_box: &web_sys::HtmlElement, svg: &web_sys::Element) -> Option<(f64, f64)> {
    let w = f64::from(stage_box.client_width());
    if w <= 0.0 {
        return None;
    }
    let max = web_sys::window()?
        .get_computed_style(svg)
        .ok()??
        .get_property_value("max-height")
        .ok()?;
    // Whole pixels: a float parser would add to the download.
    let whole = max.split(['.', 'p']).next().unwrap_or_default();
    let h_max = whole.parse::<u32>().map_or(1200.0, f64::from);
    Some((w, h_max))
}

/// A device's subscriptions, in the order it made them.
fn filters(device: &crate::core::sim::device::Device) -> Vec<String> {
    device.subscriptions().keys().cloned().collect()
}

/// The diagram.
#[component]
pub fn Diagram() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let reduced = crate::web::storage::media_matches("(prefers-reduced-motion: reduce)");
    // The stage is laid out in its own CSS pixels: measured on mount and when its box or its
    // drawing changes size (the window, a scrollbar, a panel; a taller window's room).
    let size = RwSignal::new(UNMEASURED);
    let stage_box = NodeRef::<leptos::html::Div>::new();
    let stage = NodeRef::<leptos::svg::Svg>::new();
    let remeasure = move || {
        if let (Some(b), Some(svg)) = (stage_box.get_untracked(), stage.get_untracked()) {
            if let Some(m) = measure(&b, picture::as_element(&svg)) {
                if size.get_untracked() != m {
                    size.set(m);
                }
            }
        }
    };
    Effect::new(move |_| {
        let Some(watched) = stage_box.get() else {
            return;
        };
        request_animation_frame(remeasure);
        // Its width also changes with the page's (a scrollbar coming, a panel opening).
        let seen = Closure::<dyn FnMut()>::new(remeasure);
        if let Ok(watch) = web_sys::ResizeObserver::new(seen.as_ref().unchecked_ref()) {
            watch.observe(&watched);
            if let Some(svg) = stage.get_untracked() {
                watch.observe(picture::as_element(&svg));
            }
            let kept = send_wrapper::SendWrapper::new((watch, seen));
            on_cleanup(move || kept.0.disconnect());
        }
    });
    // Where each device sits (the layout) and what its link is (it changes with the scenario
    // and the stage's size), apart from how each is doing (it changes as they connect): a
    // device coming online redraws its own node, not the hundred around it.
    let nodes = Memo::new(move |_| {
        let (w, h_max) = size.get();
        let (places, devices): (Vec<Place>, Vec<_>) = ctx.read(Part::World, |s| {
            (s.run.world().devices().iter())
                .map(|d| {
                    let lossy = d.config.link.loss.is_positive();
                    let link = (lossy, d.config.port.is_tls(), d.config.kind.has_client());
                    let version = match d.config.protocol {
                        Protocol::V311 => "3.1.1",
                        Protocol::V5 => "5.0",
                    };
                    let icon = Icon::of(&d.config.kind);
                    (
                        Place::of(&d.config.kind),
                        (d.config.name.clone(), link, icon, version),
                    )
                })
                .unzip()
        });
        (Layout::of(&places, w, h_max), devices)
    });
    let statuses = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            let now = s.run.now();
            (s.run.world().devices().iter())
                .map(|d| Status::of(d, now))
                .collect::<Vec<_>>()
        })
    });
    let status = move |i: usize| statuses.with(|v| v.get(i).copied().unwrap_or_default());
    // What each device shows (its reading, its light, its messages) and its subscriptions,
    // and what the broker holds, at the run's point.
    let faces = Memo::new(move |_| {
        let heard = ctx.read(Part::Stage, |s| s.seen.stage.heard.clone());
        ctx.read(Part::World, |s| {
            (s.run.world().devices().iter())
                .map(|d| {
                    let name = d.config.name.as_str();
                    let h = heard.iter().find(|(e, _)| e == name).map(|(_, h)| h);
                    (face(d, h), filters(d))
                })
                .collect::<Vec<_>>()
        })
    });
    let held = Memo::new(move |_| ctx.read(Part::World, |s| inside(s.run.world())));
    // A change on a device is said politely, at most once a second ("luz-salon: encendida");
    // a house just opened, or the same house in another language, is not.
    let announcer = StoredValue::new(Announcer::default());
    let waiting = StoredValue::new(false);
    // A queue on the stage opens the broker's view at that session (click, Enter or Space).
    let open_queue = move |target: Option<web_sys::EventTarget>| {
        let queue = (target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()))
            .and_then(|e| e.closest("[data-testid^=\"broker-queue-\"]").ok().flatten())
            .and_then(|q| q.get_attribute("data-testid"));
        if let Some(name) = queue
            .as_deref()
            .and_then(|t| t.strip_prefix("broker-queue-"))
        {
            ctx.view.set(View::Broker);
            let testid = format!("queue-{name}");
            leptos::task::spawn_local(async move {
                let _ = reach_later("nav-messages", "td", testid, None).await;
            });
        }
    };
    // Written by hand into the drawing (`web::components::picture`): what each device shows,
    // and the broker's insides.
    let inside_layer = NodeRef::<leptos::svg::G>::new();
    // What each device's node was last written with: a frame writes only the devices whose
    // face, tags or status changed (all of them again in another layout or language).
    let drawn = StoredValue::new(Vec::<Option<(Face, Vec<String>, Status)>>::new());
    Effect::new(move |_| {
        nodes.track();
        lang.track();
        drawn.set_value(Vec::new());
    });
    Effect::new(move |was: Option<Lang>| {
        let l = lang.get();
        nodes.track();
        faces.track();
        statuses.track();
        // On the next frame: a new house's nodes (another run opened) are drawn by then.
        request_animation_frame(move || {
            let Some(svg) = stage.get_untracked() else {
                return;
            };
            let svg = picture::as_element(&svg);
            let states = nodes.with_untracked(|(at, ns)| {
                faces.with_untracked(|fs| {
                    let mut states = Vec::with_capacity(ns.len());
                    drawn.update_value(|drawn| {
                        drawn.resize(fs.len(), None);
                        for (i, ((n, f), last)) in ns.iter().zip(fs).zip(drawn).enumerate() {
                            let state = Msg::Face(&f.0).render(l);
                            let st = status(i);
                            let same = last.as_ref().is_some_and(|(face, tags, was)| {
                                *face == f.0 && *tags == f.1 && *was == st
                            });
                            if !same {
                                let (client, tls) = (n.1 .2, n.1 .1);
                                let wrote = picture::draw_face(
                                    svg,
                                    i,
                                    (n.0.as_str(), client, n.3, tls),
                                    (&f.0, f.1.as_slice(), &state),
                                    st,
                                    at.chars,
                                    l,
                                );
                                // A node not drawn yet is written next time.
                                *last = wrote.then(|| (f.0.clone(), f.1.clone(), st));
                            }
                            states.push((n.0.clone(), state));
                        }
                    });
                    states
                })
            });
            let fresh = was.is_some_and(|w| w != l);
            announce(announcer, waiting, states, fresh, l);
        });
        l
    });
    // The drawing's size and density, the rooms and the broker's insides, written by hand:
    // the size and the rooms only when the layout changes (a viewBox written again lays the
    // whole drawing out again).
    let packets_svg = NodeRef::<leptos::svg::Svg>::new();
    let rooms_layer = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |was: Option<Layout>| {
        let l = lang.get();
        let at = nodes.with(|(at, _)| at.clone());
        if was.as_ref() != Some(&at) {
            let view_box = format!("0 0 {} {}", at.w, at.h);
            if let Some(svg) = stage.get() {
                let svg = picture::as_element(&svg);
                let _ = svg.set_attribute("viewBox", &view_box);
                let _ = svg.set_attribute("class", &format!("stage {}", at.level.class()));
            }
            if let Some(svg) = packets_svg.get() {
                let _ = picture::as_element(&svg).set_attribute("viewBox", &view_box);
            }
            if let Some(layer) = rooms_layer.get() {
                picture::draw_rooms(picture::as_element(&layer), &at);
            }
        }
        if let Some(layer) = inside_layer.get() {
            held.with(|h| picture::draw_inside(picture::as_element(&layer), h, &at, l))
        }
        at
    });
    // What the lesson's open step points at.
    let pointed = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.pointed()));
    let packets = Memo::new(move |_| {
        let (spots, (cx, cy), w, half) =
            nodes.with(|(l, _)| (l.nodes.clone(), l.broker, l.w, f64::from(l.size) / 2.0));
        // Near the right edge a label is written to the left of its dot.
        let edge = f64::from(w) - 130.0;
        let (cx, cy) = (f64::from(cx), f64::from(cy));
        // Of packets drawn on top of each other, only the first is labelled.
        let mut labelled: Vec<(f64, f64)> = Vec::new();
        // Each packet's link and place along it: packets at one place are drawn side by side.
        let mut placed: Vec<(usize, bool, f64)> = Vec::new();
        ctx.read(Part::Stage, |s| {
            let now = s.run.now();
            let wall = crate::web::wall::now_ms();
            s.seen
                .stage
                .flights
                .iter()
                .map(|f| {
                    let (x, y) = spots.get(f.device).copied().unwrap_or_default();
                    let (x, y) = (f64::from(x), f64::from(y));
                    // Its latency at 1×; at the teaching speed, never less than TEACH_MS.
                    let virtual_p = match f.arrives {
                        Some(a) if a > f.sent => {
                            ((now - f.sent) as f64 / (a - f.sent) as f64).clamp(0.0, 1.0)
                        }
                        Some(_) => 1.0,
                        None => 0.5,
                    };
                    let p = if s.pace.teaching {
                        ((wall - f.wall_start) / TEACH_MS)
                            .clamp(0.0, 1.0)
                            .min(virtual_p)
                    } else {
                        virtual_p
                    };
                    let p = if reduced { (p * 2.0).round() / 2.0 } else { p };
                    let p = if f.to_broker { p } else { 1.0 - p };
                    // A packet travels between its device and the broker's box, never over the
                    // broker's name.
                    let (ex, ey) = broker_edge((cx, cy), (x, y));
                    let beside = (placed.iter())
                        .filter(|&&(d, up, q)| d == f.device && up == f.to_broker && hides(p, q))
                        .count();
                    placed.push((f.device, f.to_broker, p));
                    let (px, py) = packet_at((x, y), (ex, ey), p, beside);
                    let at = format!("translate({} {})", Fixed(px, 1), Fixed(py, 1));
                    let marked = pointed.with(|ps| {
                        ps.iter()
                            .any(|p| matches!(p, Point::Packet(t) if f.label.starts_with(t.name())))
                    });
                    // Labelled on the device's part of its link only (three quarters above the
                    // broker, half below it, clear of its notes): by the broker, labels of every
                    // link would pile up on its name; near its device, a label says which
                    // device sends or receives it. Never over a device's box, badge, version,
                    // port or name; its pill on the side away from its device (and from the
                    // stage's right edge).
                    let (under, left, lost) = (y > cy, px > edge || cx < x, f.arrives.is_none());
                    let chars =
                        f.label.chars().count() + if lost { LOST.chars().count() } else { 0 };
                    let pill = pill_box((px, py), chars, left, under);
                    let unlabelled = p > if under { 0.5 } else { 0.75 }
                        || (labelled.iter()).any(|&(lx, ly)| {
                            (px - lx).abs() < QUIET.0 && (py - ly).abs() < QUIET.1
                        })
                        || (spots.iter()).any(|&(dx, dy)| {
                            let (dx, dy) = (f64::from(dx), f64::from(dy));
                            let block = (
                                dx - half - 42.0,
                                dy - half - 12.0,
                                dx + half + 42.0,
                                dy + half + 20.0,
                            );
                            overlaps(pill, block)
                        });
                    if !unlabelled {
                        labelled.push((px, py));
                    }
                    (
                        f.seq,
                        at,
                        f.label.clone(),
                        f.kind,
                        lost,
                        // What the lesson points at keeps its label.
                        (marked, left, !marked && unlabelled, under),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // The packets are drawn by hand into one layer: a slot (a `<g>` with its dot and label) is
    // made once when more packets are in flight than ever before, and a frame only rewrites
    // the attributes that changed. Reactive views per packet were measured to cost a flood
    // (1 000 msg/s) hundreds of long tasks and a wasm heap growing without end.
    let layer = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |prev: Option<Vec<Slot>>| {
        let mut slots = prev.unwrap_or_default();
        if let Some(g) = layer.get() {
            packets.with(|ps| Slot::draw(&mut slots, &g, ps));
        }
        slots
    });
    // What the broker did lately: filters tried (a match lights its subscriber), a message
    // queued for an offline client, one kept as retained.
    let notes = Memo::new(move |_| {
        ctx.read(Part::Stage, |s| {
            s.seen
                .stage
                .notes
                .iter()
                .map(|(_, n)| n.clone())
                .collect::<Vec<_>>()
        })
    });
    let hit = move |name: &str| {
        notes.with(|ns| {
            ns.iter().fold("", |class, n| match n {
                StageNote::Filter {
                    client,
                    matched: true,
                    ..
                } if client == name => "hit",
                StageNote::Queued { client } if client == name => "waiting",
                _ => class,
            })
        })
    };
    let points_at = move |name: &str| {
        pointed.with(|ps| {
            ps.iter().any(
                |p| matches!(p, Point::Device(d) | Point::Link(d) | Point::Queue(d) if d == name),
            )
        })
    };
    let broker_pointed = move || {
        pointed.with(|ps| {
            ps.iter()
                .any(|p| matches!(p, Point::Broker | Point::Retained | Point::Queue(_)))
        })
    };
    let broker = move || nodes.with(|(l, _)| l.broker);
    view! {
        <figure class="diagram panel" data-testid="diagram">
            <figcaption>{move || lang.get().t(Text::Network)}" · "<Term word=Word::Broker/></figcaption>
            <div class="stage-box" node_ref=stage_box>
            <svg class="stage" viewBox="0 0 560 400" role="group" aria-label=move || lang.get().t(Text::Network) node_ref=stage
                on:focusin=move |ev| rove(ev.target())
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if nodes.with_untracked(|(at, _)| move_focus(ev.target(), &ev.key(), at)) { ev.prevent_default() }>
                // Each room's column, named over it, under everything else (drawn by hand).
                <g class="rooms" aria-hidden="true" translate="no" node_ref=rooms_layer></g>
                {move || {
                    let (size, (name_chars, _), (cx, cy)) = nodes.with(|(l, _)| (l.size, l.chars, l.broker));
                    let half = size / 2;
                    let zoom = Fixed(f64::from(size) / 44.0, 2).to_string();
                    let (at, devices) = nodes.get();
                    // Every link under every device: a link never crosses another device's words.
                    let links = devices.iter().zip(&at.nodes).enumerate().filter(|(_, ((_, (_, _, client), _, _), _))| *client).map(|(i, ((name, (lossy, tls, _), _, _), &(x, y)))| {
                        let (lossy, tls) = (*lossy, *tls);
                        let link = move || format!("link {} {} {}", status(i).class(), if lossy { "lossy" } else { "" }, if tls { "tls" } else { "" });
                        view! { <line class=link data-testid=format!("link-{name}") x1=x y1=y x2=cx y2=cy/> }
                    }).collect_view();
                    // In reading order (row by row, left to right): the order Tab takes them in.
                    let order = at.reading_order();
                    let first = order.first().copied();
                    let words: Vec<_> = devices.iter().zip(&at.nodes).map(|((name, ..), &n)| at.words(n, name.chars().count())).collect();
                    let mut placed: Vec<_> = devices.into_iter().zip(at.nodes).zip(words).map(Some).collect();
                    let placed = order.into_iter().filter_map(|i| Some((i, placed.get_mut(i)?.take()?)));
                    let devices = placed.map(|(i, (((name, (_, tls, client), icon, version), (x, y)), (wx, wy, anchor)))| {
                    let testid = format!("node-{name}");
                    let lit = { let name = name.clone(); move || format!("node {} {}{}{}", status(i).class(), hit(&name), if ctx.acting.get().as_deref() == Some(name.as_str()) { " acting" } else { "" }, if points_at(&name) { " pointed" } else { "" }) };
                    // A client device is chosen as the acting device by click, tap, Enter or Space.
                    let (n1, n2) = (name.clone(), name.clone());
                    // A device without a client (an eavesdropper) opens its entry in the list.
                    let choose = move |n: String| if client {
                        ctx.acting.set(Some(n))
                    } else {
                        leptos::task::spawn_local(async move {
                            let testid = format!("device-{n}");
                            let _ = reach_later("nav-lesson", "li.device", testid, Some("summary, button")).await;
                        })
                    };
                    let pressed = move || (ctx.acting.get().as_deref() == Some(n2.as_str())).to_string();
                    // One Tab stop for the whole house (the first device, then the one last
                    // focused: `rove`); the arrows go from device to device (`move_focus`).
                    let stop = if first == Some(i) { "0" } else { "-1" };
                    view! {
                        <g class="device" data-face=i>
                        <g class=lit data-testid=testid role="button" tabindex=stop
                            aria-label=name.clone() aria-pressed=client.then_some(pressed)
                            aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home End"
                            on:click={ let n = n1.clone(); move |_| choose(n.clone()) }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); choose(n1.clone()) }>
                            <rect class="device-box" x=x - half y=y - half width=size height=size rx=size / 4/>
                            <g class="icon" transform=format!("translate({x} {y}) scale({zoom})") aria-hidden="true">
                                <path d=icon.paths().0/>
                                <path class="fill" d=icon.paths().1/>
                            </g>
                            <text class="name" x=wx y=wy text-anchor=anchor translate="no">{fit(&name, name_chars)}</text>
                        </g>
                        // Said in the node's label; outside it, so that its name is its words.
                        <g aria-hidden="true" translate="no">
                            <g class="badge" visibility="hidden">
                                <circle cx=x + half - 2 cy=y - half + 2 r="10"/>
                                <text x=x + half - 2 y=y - half + 7 text-anchor="middle"></text>
                            </g>
                            // Its MQTT version on the left, its port on the right (8883: encrypted).
                            <text class="proto" x=x - half - 5 y=y + 5 text-anchor="end">{version}</text>
                            <text class=if tls { "port tls" } else { "port" } x=x + half + 5 y=y + 5>{if tls { "8883" } else { "1883" }}</text>
                            <text class="state" data-testid=format!("state-{name}") x=wx y=wy + 16 text-anchor=anchor></text>
                            <text class="tags" x=wx y=wy + 31 text-anchor=anchor></text>
                        </g>
                        </g>
                    }
                }).collect_view();
                let broker = view! {
                    <g class="broker-node" class:pointed=broker_pointed data-testid="broker-node">
                        <rect x=cx - BROKER_BOX.0 / 2 y=cy - BROKER_BOX.1 / 2 width=BROKER_BOX.0 height=BROKER_BOX.1 rx="9"/>
                        <text x=cx y=cy + 6 text-anchor="middle">{move || lang.get().t(Text::Broker)}</text>
                    </g>
                };
                (view! { <g class="links" aria-hidden="true">{links}</g> }, devices, broker)
                }}
                <g class="broker-inside" node_ref=inside_layer on:click=move |ev| open_queue(ev.target())
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); open_queue(ev.target()) }></g>
                <g class="broker-notes" data-testid="broker-notes">
                    {move || {
                        let l = lang.get();
                        let (cx, cy) = broker();
                        let room = nodes.with(|(l, _)| l.w as usize / 8);
                        // The newest thing the broker did; a filter that did not match only when
                        // nothing else happened lately (a miss alone reads as a failure).
                        let all = notes.get();
                        let shown = all.iter().rev().find(|n| !matches!(n, StageNote::Filter { matched: false, .. })).or(all.last()).cloned();
                        shown.map(|n| {
                            let (class, text) = match &n {
                                StageNote::Filter { client, filter, matched } => (
                                    if *matched { "note match" } else { "note miss" },
                                    Msg::NoteFilter { filter: filter.as_str(), client, matched: *matched }.render(l),
                                ),
                                StageNote::Queued { client } => ("note queued", Msg::NoteQueued(client).render(l)),
                                StageNote::NotSent { device, lost } => (if *lost { "note lost" } else { "note queued" }, Msg::NoteNotSent { device, lost: *lost }.render(l)),
                                StageNote::Retained { topic } => ("note retained", Msg::NoteRetained(topic.as_str()).render(l)),
                            };
                            view! { <text class=class x=cx y=cy + picture::NOTE_DY text-anchor="middle">{fit(&text, room)}</text> }
                        })
                    }}
                </g>
            </svg>
            // The packets on a layer of their own over the stage: a frame that moves them
            // repaints that layer, not the hundred devices under it.
            <p class="sr-only" aria-live="polite" data-testid="stage-said"></p>
            <svg class="packets-layer" translate="no" viewBox="0 0 560 400" aria-hidden="true" node_ref=packets_svg>
                <g class="packets" node_ref=layer></g>
            </svg>
            </div>
            <p class="stage-legend" data-testid="stage-legend">{move || lang.get().t(Text::StageLegend)}</p>
        </figure>
    }
}

/// A stage's device, when `target` is one.
fn device_node(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    let e = target?.dyn_into::<web_sys::Element>().ok()?;
    e.matches(".device > .node").ok()?.then_some(e)
}

/// Makes the device just focused the stage's one Tab stop.
fn rove(target: Option<web_sys::EventTarget>) {
    let Some(node) = device_node(target) else {
        return;
    };
    if let Some(svg) = node.closest("svg").ok().flatten() {
        if let Ok(Some(was)) = svg.query_selector(".node[tabindex=\"0\"]") {
            let _ = was.set_attribute("tabindex", "-1");
        }
    }
    let _ = node.set_attribute("tabindex", "0");
}

/// Moves the focus from the stage's device `from` for a `key`, where `at` says
/// ([`Layout::arrow`]: left and right in reading order, up and down to the row above or
/// below, Home and End); whether the key was one of those.
fn move_focus(from: Option<web_sys::EventTarget>, key: &str, at: &Layout) -> bool {
    const KEYS: [&str; 6] = [
        "ArrowLeft",
        "ArrowRight",
        "ArrowUp",
        "ArrowDown",
        "Home",
        "End",
    ];
    if !KEYS.contains(&key) {
        return false;
    }
    let Some(from) = device_node(from) else {
        return false;
    };
    let i = (from.parent_element())
        .and_then(|g| g.get_attribute("data-face"))
        .and_then(|i| i.parse().ok());
    let to = i.and_then(|i| at.arrow(i, key)).and_then(|j| {
        let svg = from.closest("svg").ok().flatten()?;
        svg.query_selector(&format!("[data-face=\"{j}\"] > .node"))
            .ok()
            .flatten()
    });
    if let Some(e) = to {
        let _ = e.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
    true
}

crate::web::lazy::split_fn!(
    stage_aids,
    fetch_stage_reach,
    fn reach_later(
        nav: &'static str,
        all: &'static str,
        testid: String,
        inner: Option<&'static str>,
    ) -> () {
        reach(nav, all, testid, inner)
    }
);

/// Takes the devices' states into the announcer (anew for another language) and says what
/// changed when it may. In the main module: it speaks from the first change on.
fn announce(
    announcer: StoredValue<Announcer>,
    waiting: StoredValue<bool>,
    states: Vec<(String, String)>,
    fresh: bool,
    lang: Lang,
) {
    announcer.update_value(|a| {
        if fresh {
            *a = Announcer::default();
        }
        a.see(states)
    });
    tell(announcer, waiting, lang)
}

/// Brings a view into sight (on a phone through its bar's link `nav`, shown there only) and
/// focuses the element of `all` whose test id is `testid` (its first `inner` when given),
/// once it is there: a view fetched on first use takes a moment. Names are compared, never
/// put into a selector.
fn reach(nav: &'static str, all: &'static str, testid: String, inner: Option<&'static str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(link)) = doc.query_selector(&format!("[data-testid=\"{nav}\"]")) {
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            if link.offset_parent().is_some() {
                link.click();
            }
        }
    }
    focus_when_there(all, testid, inner, 20);
}

fn focus_when_there(all: &'static str, testid: String, inner: Option<&'static str>, tries: u32) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all(all).ok())
        .and_then(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
                .find(|e| e.get_attribute("data-testid").as_deref() == Some(testid.as_str()))
        })
        .and_then(|e| match inner {
            Some(sel) => e.query_selector(sel).ok().flatten(),
            None => Some(e),
        });
    match found {
        Some(e) => {
            e.scroll_into_view();
            let _ = e.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
        None if tries > 0 => set_timeout(
            move || focus_when_there(all, testid, inner, tries - 1),
            std::time::Duration::from_millis(100),
        ),
        None => {}
    }
}

/// Says what the announcer has to say now (into the stage's live region), or asks again when
/// it may (one wait at a time).
fn tell(announcer: StoredValue<Announcer>, waiting: StoredValue<bool>, lang: Lang) {
    let now = crate::web::wall::now_ms();
    match announcer.try_update_value(|a| a.turn(now)) {
        Some(Turn::Say(changed)) => {
            let words = Msg::Changed(&changed).render(lang);
            let live = (web_sys::window().and_then(|w| w.document())).and_then(|d| {
                d.query_selector("[data-testid=\"stage-said\"]")
                    .ok()
                    .flatten()
            });
            if let Some(live) = live {
                live.set_text_content(Some(&words));
            }
        }
        Some(Turn::Wait(ms)) if !waiting.get_value() => {
            waiting.set_value(true);
            set_timeout(
                move || {
                    waiting.set_value(false);
                    tell(announcer, waiting, lang);
                },
                std::time::Duration::from_millis(ms as u64 + 1),
            );
        }
        _ => {}
    }
}

/// A packet as drawn: sequence number, transform, label, colour class, lost, (pointed at by
/// the lesson, its label on the left, its label hidden, its label under it: on a link below
/// the broker, so that it keeps clear of the broker and its notes).
type Drawn = (
    u64,
    String,
    String,
    &'static str,
    bool,
    (bool, bool, bool, bool),
);

/// A packet's label is hidden this close (px, across and up or down) to a labelled packet's:
/// pills drawn over each other could not be read.
const QUIET: (f64, f64) = (110.0, 20.0);

/// A packet label's character width (monospace, 13 px) and its pill's padding.
const LABEL_PX: f64 = 7.9;
const PILL_PAD: f64 = 4.0;

/// What a lost packet's label starts with.
const LOST: &str = "✕ ";

/// A pill's width for a label of `chars` characters.
fn pill_width(chars: usize) -> f64 {
    chars as f64 * LABEL_PX + 2.0 * PILL_PAD
}

/// Where a packet's pill is drawn (left, top, right, bottom) with its dot at `at`, for a label
/// of `chars` characters: over the dot, or under it (`under`), to its right or its left
/// (`left`).
fn pill_box(at: (f64, f64), chars: usize, left: bool, under: bool) -> (f64, f64, f64, f64) {
    let width = pill_width(chars);
    let x = if left { at.0 - 8.0 - width } else { at.0 + 8.0 };
    let y = if under { at.1 + 6.0 } else { at.1 - 22.0 };
    (x, y, x + width, y + 18.0)
}

/// Whether two boxes (left, top, right, bottom) overlap.
fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// One packet's place in the packets layer, with the packet last written to it.
struct Slot {
    g: web_sys::Element,
    pill: web_sys::Element,
    label: web_sys::Element,
    /// What it shows (`None`: hidden).
    shown: Option<Drawn>,
}

impl Slot {
    /// Makes a slot in `layer`: `<g class="packet-slot"><circle r="6"/><rect/><text/></g>`,
    /// its label on a pill above its dot.
    fn new(layer: &web_sys::Element) -> Option<Self> {
        const SVG: &str = "http://www.w3.org/2000/svg";
        let doc = web_sys::window()?.document()?;
        let g = doc.create_element_ns(Some(SVG), "g").ok()?;
        let dot = doc.create_element_ns(Some(SVG), "circle").ok()?;
        let pill = doc.create_element_ns(Some(SVG), "rect").ok()?;
        let label = doc.create_element_ns(Some(SVG), "text").ok()?;
        g.set_attribute("class", "packet-slot").ok()?;
        dot.set_attribute("r", "6").ok()?;
        pill.set_attribute("y", "-22").ok()?;
        pill.set_attribute("height", "18").ok()?;
        pill.set_attribute("rx", "9").ok()?;
        label.set_attribute("y", "-8.5").ok()?;
        g.append_child(&dot).ok()?;
        g.append_child(&pill).ok()?;
        g.append_child(&label).ok()?;
        layer.append_child(&g).ok()?;
        Some(Slot {
            g,
            pill,
            label,
            shown: None,
        })
    }

    /// Writes `text` as the label, on the dot's right (or its left: away from its device, or
    /// near the stage's right edge), its pill as wide as its characters.
    fn write_label(&self, text: &str, left: bool) {
        let width = pill_width(text.chars().count());
        let (x, anchor, pill_x) = if left {
            (-8.0 - PILL_PAD, "end", -8.0 - width)
        } else {
            (8.0 + PILL_PAD, "start", 8.0)
        };
        self.label.set_text_content(Some(text));
        let _ = self.label.set_attribute("x", &Fixed(x, 1).to_string());
        let _ = self.label.set_attribute("text-anchor", anchor);
        let _ = self.pill.set_attribute("x", &Fixed(pill_x, 1).to_string());
        let _ = self
            .pill
            .set_attribute("width", &Fixed(width, 1).to_string());
    }

    /// Draws `packets` into `slots` (made as needed), writing only what changed; a slot past
    /// the packets is hidden (class `packet-slot`, no `data-testid`). The label is set as
    /// text, never as markup.
    fn draw(slots: &mut Vec<Slot>, layer: &web_sys::Element, packets: &[Drawn]) {
        while slots.len() < packets.len() {
            match Slot::new(layer) {
                Some(s) => slots.push(s),
                None => break,
            }
        }
        for (i, slot) in slots.iter_mut().enumerate() {
            let want = packets.get(i);
            if slot.shown.as_ref() == want {
                continue;
            }
            let Some(p @ (seq, at, label, kind, lost, (marked, left, quiet, under))) = want else {
                let _ = slot.g.set_attribute("class", "packet-slot");
                let _ = slot.g.remove_attribute("data-testid");
                slot.shown = None;
                continue;
            };
            let old = slot.shown.as_ref();
            if old.map(|o| (o.3, o.4, o.5))
                != Some((*kind, *lost, (*marked, *left, *quiet, *under)))
            {
                let class = format!(
                    "packet {kind}{}{}{}{}{}",
                    if *lost { " lost" } else { "" },
                    if *marked { " pointed" } else { "" },
                    if *left { " left" } else { "" },
                    if *quiet { " quiet" } else { "" },
                    if *under { " under" } else { "" }
                );
                let _ = slot.g.set_attribute("class", &class);
                let _ = slot.g.set_attribute("data-testid", "packet");
            }
            if old.map(|o| &o.1) != Some(at) {
                let _ = slot.g.set_attribute("transform", at);
            }
            if old.map(|o| o.0) != Some(*seq) {
                let _ = slot.g.set_attribute("data-seq", &seq.to_string());
            }
            if old.map(|o| (&o.2, o.4, o.5 .1)) != Some((label, *lost, *left)) {
                let text = if *lost {
                    format!("{LOST}{label}")
                } else {
                    label.clone()
                };
                slot.write_label(&text, *left);
            }
            slot.shown = Some(p.clone());
        }
    }
}
