//! The network stage (SVG): the broker in the middle, devices around it, each link drawn by its
//! state, and every packet moving along its link, coloured and labelled by type (a lost one
//! stops where it fell). At the teaching speed a flight takes 600 ms at least; beside the broker,
//! what it just did (filters tried, a message queued or retained), its matching subscribers lit.
//! A client device is chosen as the acting device here (click, tap, Enter or Space). With
//! `prefers-reduced-motion`, packets jump between three positions instead of gliding.

use leptos::prelude::*;

use crate::core::numbers::Fixed;

use crate::core::sim::lessons::file::Point;
use crate::core::sim::picture::{face, inside};
use crate::i18n::{Msg, Text};
use crate::page::stage::{StageNote, TEACH_MS};
use crate::web::components::devices::Status;
use crate::web::components::glossary::{Term, Word};
use crate::web::components::icons::Icon;
use crate::web::components::picture;
use crate::web::state::{Ctx, Part};

const W: f64 = 640.0;
const H: f64 = 520.0;
const CX: f64 = W / 2.0;
const CY: f64 = 250.0;

fn position(i: usize, n: usize) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + (i as f64) * std::f64::consts::TAU / (n.max(1) as f64);
    // The browser's sine and cosine: Rust's own would add 5 KB to the download.
    let (cos, sin) = (js_sys::Math::cos(angle), js_sys::Math::sin(angle));
    (CX + 245.0 * cos, CY + 172.0 * sin)
}

/// A device's subscriptions as its tags say them: the first filter, and how many more.
fn filter_tags(device: &crate::core::sim::device::Device) -> String {
    let mut filters = device.subscriptions().keys();
    match (filters.next(), filters.len()) {
        (Some(f), 0) => f.clone(),
        (Some(f), more) => format!("{f} +{more}"),
        (None, _) => String::new(),
    }
}

/// The diagram.
#[component]
pub fn Diagram() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let reduced = crate::web::storage::media_matches("(prefers-reduced-motion: reduce)");
    // Where each device sits and what its link is (it changes with the scenario), apart from
    // how each is doing (it changes as they connect): a device coming online redraws its own
    // node, not the hundred around it.
    let nodes = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            let devices = s.run.world().devices();
            devices
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let (x, y) = position(i, devices.len());
                    let (x, y) = (x.round() as i32, y.round() as i32);
                    let lossy = d.config.link.loss.is_positive();
                    (
                        d.config.name.clone(),
                        x,
                        y,
                        lossy,
                        d.config.port.is_tls(),
                        d.config.kind.has_client(),
                        Icon::of(&d.config.kind),
                    )
                })
                .collect::<Vec<_>>()
        })
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
                    (face(d, h), filter_tags(d))
                })
                .collect::<Vec<_>>()
        })
    });
    let held = Memo::new(move |_| ctx.read(Part::World, |s| inside(s.run.world())));
    // Written by hand into the drawing (`web::components::picture`): what each device shows,
    // and the broker's insides.
    let stage = NodeRef::<leptos::svg::Svg>::new();
    let inside_layer = NodeRef::<leptos::svg::G>::new();
    Effect::new(move |_| {
        lang.track();
        nodes.track();
        faces.track();
        statuses.track();
        // On the next frame: a new house's nodes (another run opened) are drawn by then.
        request_animation_frame(move || {
            let l = lang.get_untracked();
            let Some(svg) = stage.get_untracked() else {
                return;
            };
            let svg = picture::as_element(&svg);
            nodes.with_untracked(|ns| {
                faces.with_untracked(|fs| {
                    for (i, (n, f)) in ns.iter().zip(fs).enumerate() {
                        let face = (&f.0, f.1.as_str());
                        picture::draw_face(svg, i, (n.0.as_str(), n.5), face, status(i), l);
                    }
                })
            });
        });
    });
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(layer) = inside_layer.get() {
            held.with(|h| {
                picture::draw_inside(picture::as_element(&layer), h, (CX as i32, CY as i32), l)
            });
        }
    });
    // What the lesson's open step points at.
    let pointed = Memo::new(move |_| ctx.read(Part::Goals, |s| s.goals.pointed()));
    let packets = Memo::new(move |_| {
        ctx.read(Part::Stage, |s| {
            let now = s.run.now();
            let wall = crate::web::wall::now_ms();
            let n = s.run.world().devices().len();
            s.seen
                .stage
                .flights
                .iter()
                .map(|f| {
                    let (x, y) = position(f.device, n);
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
                    let (px, py) = (x + (CX - x) * p, y + (CY - y) * p);
                    let at = format!("translate({} {})", Fixed(px, 1), Fixed(py, 1));
                    let marked = pointed.with(|ps| {
                        ps.iter()
                            .any(|p| matches!(p, Point::Packet(t) if f.label.starts_with(t.name())))
                    });
                    (
                        f.seq,
                        at,
                        f.label.clone(),
                        f.kind,
                        f.arrives.is_none(),
                        marked,
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
    view! {
        <figure class="diagram panel" data-testid="diagram">
            <figcaption>{move || lang.get().t(Text::Network)}" · "<Term word=Word::Broker/></figcaption>
            <div class="stage-box">
            <svg viewBox=format!("0 0 {} {}", W as i32, H as i32) role="group" aria-label=move || lang.get().t(Text::Network) node_ref=stage>
                {move || nodes.get().into_iter().enumerate().map(|(i, (name, x, y, lossy, tls, client, icon))| {
                    let link = move || format!("link {} {} {}", status(i).class(), if lossy { "lossy" } else { "" }, if tls { "tls" } else { "" });
                    let testid = format!("node-{name}");
                    let lit = { let name = name.clone(); move || format!("node {} {}{}{}", status(i).class(), hit(&name), if ctx.acting.get().as_deref() == Some(name.as_str()) { " acting" } else { "" }, if points_at(&name) { " pointed" } else { "" }) };
                    // A client device is chosen as the acting device by click, tap, Enter or Space.
                    let (n1, n2) = (name.clone(), name.clone());
                    let choose = move |n: String| ctx.acting.set(Some(n));
                    let pressed = move || (ctx.acting.get().as_deref() == Some(n2.as_str())).to_string();
                    view! {
                        <g class="device" data-face=i>
                        <g class=lit data-testid=testid role=if client { "button" } else { "img" } tabindex=client.then_some("0")
                            aria-label=name.clone() aria-pressed=client.then_some(pressed)
                            on:click={ let n = n1.clone(); move |_| if client { choose(n.clone()) } }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if client && (ev.key() == "Enter" || ev.key() == " ") { ev.prevent_default(); choose(n1.clone()) }>
                            {client.then(|| view! { <line class=link x1=x y1=y x2=CX as i32 y2=CY as i32/> })}
                            <rect class="device-box" x=x - 24 y=y - 24 width="48" height="48" rx="12"/>
                            <g class="icon" transform=format!("translate({x} {y})") aria-hidden="true">
                                <path d=icon.paths().0/>
                                <path class="fill" d=icon.paths().1/>
                            </g>
                            <text class="name" x=x y=y + 42 text-anchor="middle" translate="no">{name.clone()}</text>
                        </g>
                        // Said in the node's label; outside it, so that its name is its words.
                        <g aria-hidden="true" translate="no">
                            <g class="badge" visibility="hidden">
                                <circle cx=x + 22 cy=y - 22 r="11"/>
                                <text x=x + 22 y=y - 17 text-anchor="middle"></text>
                            </g>
                            <text class="state" data-testid=format!("state-{name}") x=x y=y + 60 text-anchor="middle"></text>
                            <text class="tags" x=x y=y + 77 text-anchor="middle"></text>
                        </g>
                        </g>
                    }
                }).collect_view()}
                <g class="broker-node" class:pointed=broker_pointed data-testid="broker-node">
                    <rect x=CX as i32 - 50 y=CY as i32 - 24 width="100" height="48" rx="10"/>
                    <text x=CX as i32 y=CY as i32 + 6 text-anchor="middle">{move || lang.get().t(Text::Broker)}</text>
                </g>
                <g class="broker-inside" node_ref=inside_layer></g>
                <g class="broker-notes" data-testid="broker-notes">
                    {move || {
                        let l = lang.get();
                        notes.get().into_iter().rev().take(3).enumerate().map(|(i, n)| {
                            let (class, text) = match &n {
                                StageNote::Filter { client, filter, matched } => (
                                    if *matched { "note match" } else { "note miss" },
                                    Msg::NoteFilter { filter: filter.as_str(), client, matched: *matched }.render(l),
                                ),
                                StageNote::Queued { client } => ("note queued", Msg::NoteQueued(client).render(l)),
                                StageNote::Retained { topic } => ("note retained", Msg::NoteRetained(topic.as_str()).render(l)),
                            };
                            view! { <text class=class x="6" y=18 + 18 * i as i32>{text}</text> }
                        }).collect_view()
                    }}
                </g>
            </svg>
            // The packets on a layer of their own over the stage: a frame that moves them
            // repaints that layer, not the hundred devices under it.
            <svg class="packets-layer" translate="no" viewBox=format!("0 0 {} {}", W as i32, H as i32) aria-hidden="true">
                <g class="packets" node_ref=layer></g>
            </svg>
            </div>
        </figure>
    }
}

/// A packet as drawn: sequence number, transform, label, colour class, lost, pointed at by the
/// lesson.
type Drawn = (u64, String, String, &'static str, bool, bool);

/// One packet's place in the packets layer, with the packet last written to it.
struct Slot {
    g: web_sys::Element,
    label: web_sys::Element,
    /// What it shows (`None`: hidden).
    shown: Option<Drawn>,
}

impl Slot {
    /// Makes a slot in `layer`: `<g class="packet-slot"><circle r="6"/><text x="9" y="-6"/></g>`.
    fn new(layer: &web_sys::Element) -> Option<Self> {
        const SVG: &str = "http://www.w3.org/2000/svg";
        let doc = web_sys::window()?.document()?;
        let g = doc.create_element_ns(Some(SVG), "g").ok()?;
        let dot = doc.create_element_ns(Some(SVG), "circle").ok()?;
        let label = doc.create_element_ns(Some(SVG), "text").ok()?;
        g.set_attribute("class", "packet-slot").ok()?;
        dot.set_attribute("r", "6").ok()?;
        label.set_attribute("x", "9").ok()?;
        label.set_attribute("y", "-6").ok()?;
        g.append_child(&dot).ok()?;
        g.append_child(&label).ok()?;
        layer.append_child(&g).ok()?;
        Some(Slot {
            g,
            label,
            shown: None,
        })
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
            let Some(p @ (seq, at, label, kind, lost, marked)) = want else {
                let _ = slot.g.set_attribute("class", "packet-slot");
                let _ = slot.g.remove_attribute("data-testid");
                slot.shown = None;
                continue;
            };
            let old = slot.shown.as_ref();
            if old.map(|o| (o.3, o.4, o.5)) != Some((*kind, *lost, *marked)) {
                let class = format!(
                    "packet {kind}{}{}",
                    if *lost { " lost" } else { "" },
                    if *marked { " pointed" } else { "" }
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
            if old.map(|o| (&o.2, o.4)) != Some((label, *lost)) {
                let text = if *lost {
                    format!("✕ {label}")
                } else {
                    label.clone()
                };
                slot.label.set_text_content(Some(&text));
            }
            slot.shown = Some(p.clone());
        }
    }
}
