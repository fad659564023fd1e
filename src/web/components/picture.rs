//! The stage's picture, drawn by hand into the diagram's SVG: what each device shows (its
//! reading, its light, its messages, its tags, said whole for a screen reader) and the
//! broker's insides (the retained shelf on its left, each offline session's queue on its
//! right, one token per waiting message; above and below it on a narrow stage). Written by effects rather than views per device: a
//! house of a hundred changes only what changed, and the first download stays small.
//! Payloads and names go in as text, never as markup.

use wasm_bindgen::JsCast;

use crate::core::sim::picture::{Face, Inside, Switch};
use crate::i18n::{Lang, Msg, Text};
use crate::page::layout::{fit, fit_items, shelf_line, tokens, Layout};
use crate::web::components::devices::Status;

const SVG: &str = "http://www.w3.org/2000/svg";
/// Queues drawn beside the broker at most.
const QUEUES: usize = 3;
/// Topics on the retained shelf at most, the newest (its title says how many in all).
const SHELF: usize = 2;
/// Characters in a queue's name.
const QUEUE_CHARS: usize = 12;
/// A character's width on the shelf (monospace, 13 px).
const SHELF_PX: i32 = 8;
/// The broker's note's baseline, under the broker's centre (`components::diagram` draws it).
pub const NOTE_DY: i32 = 34;
/// A character's width in a queue's name (bold, 14 px), to place its tokens after it.
const QUEUE_PX: i32 = 8;

fn set_text(g: &web_sys::Element, selector: &str, text: &str) {
    if let Ok(Some(e)) = g.query_selector(selector) {
        if e.text_content().as_deref() != Some(text) {
            e.set_text_content(Some(text));
        }
    }
}

fn set_attr(e: &web_sys::Element, name: &str, value: &str) {
    if e.get_attribute(name).as_deref() != Some(value) {
        let _ = e.set_attribute(name, value);
    }
}

/// Writes what device `i` (`name`) shows (its face, tags and state's words, whole) into its
/// node (`[data-face=i]` in `svg`); false when its node is not drawn yet.
pub fn draw_face(
    svg: &web_sys::Element,
    i: usize,
    (name, client, version, tls): (&str, bool, &str, bool),
    (face, filters, state): (&Face, &[String], &str),
    status: Status,
    (line, tag): (usize, usize),
    l: Lang,
) -> bool {
    let Ok(Some(g)) = svg.query_selector(&format!("[data-face=\"{i}\"]")) else {
        return false;
    };
    let port = if tls { l.t(Text::TlsBadge) } else { "1883" };
    let label = Msg::FaceSaid {
        name,
        face,
        tags: &filters.join(", "),
        status: &format!("{}; MQTT {version} · {port}", status.label(l)),
        choose: client,
    }
    .render(l);
    if let Some(node) = g.first_element_child() {
        set_attr(&node, "aria-label", &label);
    }
    // A dashboard's values whole, as many as fit, and how many more (its label says all).
    // Blank while not connected: whether it is connecting or offline, in grey.
    let idle = face.is_blank() && status != Status::Online;
    let shown = match face {
        _ if idle => fit(&status.label(l), line),
        Face::Dashboard(..) => fit_items(state, line),
        _ => fit(state, line),
    };
    set_text(&g, ".state", &shown);
    if let Ok(Some(e)) = g.query_selector(".state") {
        set_attr(&e, "class", if idle { "state idle" } else { "state" });
    }
    set_text(&g, ".tags", &tags(filters, tag, l));
    if let Ok(Some(icon)) = g.query_selector(".icon") {
        let class = match face {
            Face::Light(Switch::On) => "icon bulb on",
            Face::Light(_) => "icon bulb",
            _ => "icon",
        };
        set_attr(&icon, "class", class);
    }
    if let Ok(Some(badge)) = g.query_selector(".badge") {
        let unread = match face {
            Face::Phone(n, _) if *n > 99 => "99+".to_string(),
            Face::Phone(n, _) if *n > 0 => n.to_string(),
            _ => String::new(),
        };
        set_attr(
            &badge,
            "visibility",
            if unread.is_empty() {
                "hidden"
            } else {
                "visible"
            },
        );
        set_text(&badge, "text", &unread);
    }
    true
}

/// A device's subscriptions in `chars` characters: its first filter, and how many more in
/// words (the filter is cut, never the words).
fn tags(filters: &[String], chars: usize, l: Lang) -> String {
    match filters {
        [] => String::new(),
        [only] => fit(only, chars),
        [first, more @ ..] => {
            let words = Msg::FilterTags("", more.len()).render(l);
            let room = chars.saturating_sub(words.chars().count()).max(4);
            Msg::FilterTags(&fit(first, room), more.len()).render(l)
        }
    }
}

/// An SVG element with its attributes and text.
fn element(
    doc: &web_sys::Document,
    tag: &str,
    attrs: &[(&str, &str)],
    text: Option<&str>,
) -> Option<web_sys::Element> {
    let e = doc.create_element_ns(Some(SVG), tag).ok()?;
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    if text.is_some() {
        e.set_text_content(text);
    }
    Some(e)
}

/// Draws the broker's insides into `layer` (its children replaced), around the broker where
/// `at` puts it: the retained shelf to its left (above it when stacked), the queues to its
/// right (below it).
pub fn draw_inside(layer: &web_sys::Element, held: &Inside, at: &Layout, l: Lang) {
    let Some(doc) = layer.owner_document() else {
        return;
    };
    // What had the focus (a queue) has it again once redrawn.
    let focused = (doc.active_element())
        .filter(|e| layer.contains(Some(e)))
        .and_then(|e| e.get_attribute("data-testid"));
    layer.set_text_content(None);
    let (cx, cy) = at.broker;
    let add = |parent: &web_sys::Element, e: Option<web_sys::Element>| {
        if let Some(e) = e {
            let _ = parent.append_child(&e);
        }
    };
    let text = |class: &str, x: i32, y: i32, anchor: &str, words: &str| {
        let (x, y) = (x.to_string(), y.to_string());
        element(
            &doc,
            "text",
            &[
                ("class", class),
                ("x", &x),
                ("y", &y),
                ("text-anchor", anchor),
                ("translate", "no"),
            ],
            Some(words),
        )
    };
    if !held.retained.is_empty() {
        let n = held.retained.len();
        let label = Msg::RetainedShelf(n).render(l);
        let shelf = element(
            &doc,
            "g",
            &[
                ("class", "retained-store"),
                ("data-testid", "retained-store"),
                ("role", "img"),
                ("aria-label", &label),
            ],
            None,
        );
        if let Some(shelf) = shelf {
            // Its lines stand on the shelf, the newest lowest.
            let (x, floor, anchor) = if at.stacked {
                (cx, cy - 30, "middle")
            } else {
                // Its line (5 px under its floor) 5 px over the broker's note's 12 px letters.
                (cx - 62, cy + NOTE_DY - 22, "end")
            };
            let room = if at.stacked { at.w - 8 } else { cx - 68 };
            let chars = (room / SHELF_PX).max(8) as usize;
            let lines = n.min(SHELF);
            for (k, (topic, payload)) in held.retained.iter().rev().take(lines).enumerate() {
                let words = shelf_line(topic, payload, chars);
                add(
                    &shelf,
                    text("shelf-item", x, floor - 16 * k as i32, anchor, &words),
                );
            }
            // Its title over its lines, with how many topics it holds (more than it shows).
            let title = fit(&Msg::ShelfTitle(n).render(l), chars);
            add(
                &shelf,
                text("shelf-title", x, floor - 16 * lines as i32, anchor, &title),
            );
            let from = if at.stacked { cx - 90 } else { cx - 240 };
            let d = format!("M{from} {} h180", floor + 5);
            add(
                &shelf,
                element(&doc, "path", &[("class", "shelf"), ("d", &d)], None),
            );
            let _ = layer.append_child(&shelf);
        }
    }
    let queues = held.queues.len().min(QUEUES) as i32;
    for (k, (name, waiting)) in held.queues.iter().take(QUEUES).enumerate() {
        let n = waiting.len();
        let label = Msg::QueueWaiting(name, n).render(l);
        let testid = format!("broker-queue-{name}");
        let Some(q) = element(
            &doc,
            "g",
            &[
                ("class", "broker-queue"),
                ("data-testid", &testid),
                ("role", "button"),
                ("tabindex", "0"),
                ("aria-label", &label),
            ],
            None,
        ) else {
            continue;
        };
        let words = format!("{} · {n}", fit(name, QUEUE_CHARS));
        // Its name, then one token per waiting message (stacked, on either side of the link
        // under the broker, clear of the packets on it).
        let (y, x, anchor, first) = if at.stacked {
            let y = cy + 58 + 22 * k as i32;
            (y, cx - 12, "end", cx + 10)
        } else {
            // Level with the broker's name, beside its box (not beside a link above it).
            let y = cy + 5 + 20 * k as i32 - 10 * (queues - 1);
            let width = QUEUE_PX * words.chars().count() as i32;
            (y, cx + 62, "start", cx + 68 + width)
        };
        add(&q, text("queue-name", x, y, anchor, &words));
        let top = (y - 12).to_string();
        // One token per message; past what fits, the last place says how many more.
        let (tokens, more) = tokens(n);
        if let Some(more) = more {
            let x = first + 14 * tokens as i32;
            add(&q, text("queue-more", x, y, "start", &format!("+{more}")));
        }
        for t in 0..tokens {
            let x = (first + 14 * t as i32).to_string();
            add(
                &q,
                element(
                    &doc,
                    "rect",
                    &[
                        ("class", "token"),
                        ("x", &x),
                        ("y", &top),
                        ("width", "10"),
                        ("height", "14"),
                        ("rx", "2"),
                    ],
                    None,
                ),
            );
        }
        let _ = layer.append_child(&q);
        if focused.as_deref() == Some(testid.as_str()) {
            let _ = q.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    }
}

/// Draws each room's column into `layer` (its children replaced): a shaded box around its
/// devices on each side of the broker, its name over it when `at` has a line for names.
pub fn draw_rooms(layer: &web_sys::Element, at: &Layout) {
    let Some(doc) = layer.owner_document() else {
        return;
    };
    layer.set_text_content(None);
    for room in &at.rooms {
        let Some(g) = element(&doc, "g", &[("data-testid", "room")], None) else {
            continue;
        };
        let (x, w) = ((room.x + 3).to_string(), (room.w - 6).to_string());
        for &(top, bottom) in room.spans.iter().flatten() {
            let (y, h) = (top.to_string(), (bottom - top).to_string());
            let attrs = [
                ("class", "room"),
                ("x", &x),
                ("y", &y),
                ("width", &w),
                ("height", &h),
                ("rx", "8"),
            ];
            if let Some(r) = element(&doc, "rect", &attrs, None) {
                let _ = g.append_child(&r);
            }
        }
        if let Some(y) = at.caption {
            let (cx, y) = ((room.x + room.w / 2).to_string(), y.to_string());
            let attrs = [
                ("class", "room-name"),
                ("x", &cx),
                ("y", &y),
                ("text-anchor", "middle"),
            ];
            if let Some(t) = element(&doc, "text", &attrs, Some(&room.name)) {
                let _ = g.append_child(&t);
            }
        }
        let _ = layer.append_child(&g);
    }
}

/// The SVG element behind a node reference.
pub fn as_element(node: &impl JsCast) -> &web_sys::Element {
    node.unchecked_ref()
}
