//! Where the stage draws each device (`page::layout`): publishers above the broker,
//! subscribers below, inside the stage, names never on top of each other, at the sizes the
//! page gives it (1366×768, the 900×650 embed, a 390 px phone) and for 6, 20 and 100 devices.

use mqtt_playground::core::sim::lessons::{free_play, house_of};
use mqtt_playground::core::sim::Scenario;
use mqtt_playground::page::layout::{
    broker_edge, fit, fit_items, hides, packet_at, shelf_line, tokens, Layout, Level, Place, Side,
    SIDE_STEP, TOKENS,
};

/// The stage's width and greatest height at 1366×768, in the 900×650 embed, on a phone.
const DESKTOP: (f64, f64) = (556.0, 400.0);
const EMBED: (f64, f64) = (535.0, 230.0);
const PHONE: (f64, f64) = (348.0, 1000.0);

/// A house of `n` devices in no room, half on each side.
fn house(n: usize) -> Vec<Place> {
    (0..n)
        .map(|i| Place {
            side: if i % 2 == 0 { Side::Above } else { Side::Below },
            room: None,
        })
        .collect()
}

/// Where a scenario's devices are drawn.
fn places_of(scenario: &Scenario) -> Vec<Place> {
    (scenario.devices.iter())
        .map(|d| Place::of(&d.kind))
        .collect()
}

/// The places of the test house of `n` devices (a room per five, named by its topics).
fn rooms(n: usize) -> Vec<Place> {
    places_of(&house_of(n, 1))
}

/// Every node inside the stage, and any two far enough apart for what is written beside
/// them: side by side, the widest name allowed; one above the other, the box and its lines.
fn assert_readable(l: &Layout, lines: i32) {
    let half = l.size / 2;
    for (i, &(x, y)) in l.nodes.iter().enumerate() {
        assert!(
            x - half >= 0 && x + half <= l.w,
            "node {i} at x {x} in {}",
            l.w
        );
        assert!(
            y - half >= 0 && y + half + 16 * lines <= l.h,
            "node {i} at y {y} in {}",
            l.h
        );
        for &(x2, y2) in &l.nodes[i + 1..] {
            let (dx, dy) = ((x - x2).abs(), (y - y2).abs());
            let apart = if lines == 0 {
                dx >= l.size || dy >= l.size
            } else {
                dy >= l.size + 16 * lines || dx as usize >= 9 * l.chars.0 + 8
            };
            assert!(apart, "({x}, {y}) and ({x2}, {y2}) at {:?}", l.level);
        }
    }
}

#[test]
fn free_play_reads_publishers_above_the_broker_and_subscribers_below() {
    let scenario = free_play("es");
    let places = places_of(&scenario);
    let l = Layout::of(&places, DESKTOP.0, DESKTOP.1);
    assert_eq!(l.level, Level::Full);
    assert!(l.h as f64 <= DESKTOP.1);
    for (d, &(_, y)) in scenario.devices.iter().zip(&l.nodes) {
        let above = matches!(Side::of(&d.kind), Side::Above);
        assert_eq!(y < l.broker.1, above, "{}", d.name);
    }
    assert!(places.iter().any(|p| p.side == Side::Above));
    assert!(places.iter().any(|p| p.side == Side::Below));
    // A column per room its topics name, the light under its room's sensor.
    let names: Vec<&str> = l.rooms.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Cocina", "Salon", "Dormitorio"]);
    let at = |name: &str| {
        l.nodes[scenario
            .devices
            .iter()
            .position(|d| d.name == name)
            .unwrap()]
    };
    assert_eq!(at("luz-salon").0, at("sensor-salon").0);
    // Tab reads the stage as a student does: the sensors' row left to right, then the row
    // under the broker (the panel, left of the light, before it).
    let order: Vec<&str> = (l.reading_order().into_iter())
        .map(|i| scenario.devices[i].name.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "sensor-cocina",
            "sensor-salon",
            "sensor-dormitorio",
            "panel",
            "luz-salon",
            "movil"
        ]
    );
    // The arrows: left and right in reading order, up and down to the room's other device.
    let name = |i: Option<usize>| i.map(|i| scenario.devices[i].name.as_str());
    let index = |n: &str| scenario.devices.iter().position(|d| d.name == n).unwrap();
    let arrow = |from: &str, key: &str| name(l.arrow(index(from), key));
    assert_eq!(arrow("sensor-salon", "ArrowDown"), Some("luz-salon"));
    assert_eq!(arrow("luz-salon", "ArrowUp"), Some("sensor-salon"));
    assert_eq!(arrow("sensor-salon", "ArrowUp"), None);
    assert_eq!(arrow("luz-salon", "ArrowDown"), None);
    assert_eq!(arrow("sensor-dormitorio", "ArrowRight"), Some("panel"));
    assert_eq!(arrow("panel", "ArrowLeft"), Some("sensor-dormitorio"));
    assert_eq!(arrow("sensor-cocina", "ArrowLeft"), None);
    assert_eq!(arrow("luz-salon", "Home"), Some("sensor-cocina"));
    assert_eq!(arrow("sensor-cocina", "End"), Some("movil"));
    assert_eq!(arrow("sensor-cocina", "Enter"), None);
    assert_readable(&l, 3);
    // Names and tags fit their line: the longest in the house, whole.
    assert!(l.chars.0 >= "sensor-dormitorio".len(), "{:?}", l.chars);
}

#[test]
fn the_embed_keeps_free_play_s_rooms_unnamed_where_names_take_a_line_too_many() {
    let scenario = free_play("es");
    let places = places_of(&scenario);
    let l = Layout::of(&places, EMBED.0, EMBED.1);
    assert!(l.h as f64 <= EMBED.1, "{l:?}");
    assert_eq!(
        (l.level, l.rooms.len(), l.caption),
        (Level::Compact, 3, None)
    );
    assert_readable(&l, 2);
}

#[test]
fn the_embed_and_the_phone_keep_the_house_readable() {
    let l = Layout::of(&house(6), EMBED.0, EMBED.1);
    assert!(l.h as f64 <= EMBED.1, "{l:?}");
    assert_eq!(l.level, Level::Compact, "names and states in the embed");
    assert!(!l.stacked);
    assert_readable(&l, 2);
    let l = Layout::of(&house(6), PHONE.0, PHONE.1);
    assert!(l.stacked, "a phone stacks the broker's band");
    assert_eq!(l.level, Level::Full);
    assert_readable(&l, 3);
}

#[test]
fn twenty_devices_keep_their_names_and_a_hundred_fit_as_dots() {
    for (w, h) in [DESKTOP, PHONE] {
        let l = Layout::of(&house(20), w, h);
        assert!(
            l.level <= Level::Names,
            "20 devices at {w}×{h}: {:?}",
            l.level
        );
        assert!(l.h as f64 <= h);
        assert_readable(&l, if l.level == Level::Full { 3 } else { 1 });
    }
    // The embed's short stage draws them as dots, named on hover and focus.
    let l = Layout::of(&house(20), EMBED.0, EMBED.1);
    assert!(l.h as f64 <= EMBED.1);
    assert_readable(&l, 0);
    let l = Layout::of(&house(100), DESKTOP.0, DESKTOP.1);
    assert_eq!(l.level, Level::Dots);
    assert!(l.h as f64 <= DESKTOP.1);
    assert_readable(&l, 0);
}

#[test]
fn down_and_up_go_to_the_device_below_and_above_in_a_house_of_a_hundred() {
    let l = Layout::of(&house(100), DESKTOP.0, DESKTOP.1);
    for from in 0..l.nodes.len() {
        let (x, y) = l.nodes[from];
        for (key, down) in [("ArrowDown", true), ("ArrowUp", false)] {
            let ahead = |j: usize| {
                if down {
                    l.nodes[j].1 > y
                } else {
                    l.nodes[j].1 < y
                }
            };
            let Some(to) = l.arrow(from, key) else {
                assert!(
                    !(0..l.nodes.len()).any(ahead),
                    "{from} {key}: none that way?"
                );
                continue;
            };
            assert!(ahead(to), "{from} {key} goes that way");
            // The nearest row, and in it the nearest across.
            let dy = |j: usize| (l.nodes[j].1 - y).abs();
            assert!((0..l.nodes.len())
                .filter(|&j| ahead(j))
                .all(|j| dy(j) >= dy(to)));
            let row: Vec<usize> = (0..l.nodes.len())
                .filter(|&j| ahead(j) && dy(j) == dy(to))
                .collect();
            let dx = |j: usize| (l.nodes[j].0 - x).abs();
            assert!(row.iter().all(|&j| dx(j) >= dx(to)), "{from} {key}");
            // Back the other way lands in the row it came from.
            let back = l
                .arrow(to, if down { "ArrowUp" } else { "ArrowDown" })
                .unwrap();
            assert_eq!(l.nodes[back].1, y, "{from} {key} and back");
        }
    }
}

#[test]
fn a_house_of_dots_writes_a_device_s_words_inside_the_stage() {
    let name = "hab19-panel";
    // Its name, and its state under it as long as a dot's line holds (a dashboard's values:
    // 28 characters).
    let width = 9 * 28;
    for (w, h) in [DESKTOP, EMBED] {
        let l = Layout::of(&rooms(100), w, h);
        assert_eq!(l.level, Level::Dots);
        for &at in &l.nodes {
            let (x, y, anchor) = l.words(at, name.len());
            let (left, right) = match anchor {
                "start" => (x, x + width),
                "end" => (x - width, x),
                _ => (x - width / 2, x + width / 2),
            };
            assert!(
                left >= 0 && right <= l.w,
                "{name} at {at:?}: {left}..{right}"
            );
            // The name's line and the state's under it.
            assert!(y - 15 >= 0 && y + 16 + 4 <= l.h, "{name} at {at:?}: y {y}");
        }
    }
    // Larger, words go under the box, centred.
    let l = Layout::of(&rooms(6), DESKTOP.0, DESKTOP.1);
    let (x, y) = l.nodes[0];
    assert_eq!(l.words((x, y), 20), (x, y + l.size / 2 + 16, "middle"));
}

#[test]
fn a_house_on_one_side_is_shared_and_an_empty_one_is_drawn() {
    let below = Place {
        side: Side::Below,
        room: None,
    };
    let l = Layout::of(&[below.clone(), below], DESKTOP.0, DESKTOP.1);
    assert!(l.nodes[0].1 < l.broker.1 && l.nodes[1].1 > l.broker.1);
    let l = Layout::of(&[], 0.0, 0.0);
    assert!(l.nodes.is_empty() && l.w > 0 && l.h > 0);
}

#[test]
fn a_list_too_long_for_its_line_keeps_whole_values_and_says_how_many_are_left() {
    let values = "Cocina 22.2 °C · Salon 20.9 °C · Salon/Luz «ON»";
    assert_eq!(fit_items(values, 48), values);
    assert_eq!(fit_items(values, 35), "Cocina 22.2 °C · Salon 20.9 °C · +1");
    assert_eq!(fit_items(values, 34), "Cocina 22.2 °C · +2");
    assert_eq!(fit_items(values, 19), "Cocina 22.2 °C · +2");
    // Not even one value and its count: cut as any line.
    assert_eq!(fit_items(values, 10), "Cocina 22…");
    assert_eq!(fit_items("Temperatura: 21.5", 10), "Temperatu…");
}

#[test]
fn words_too_long_for_their_line_are_cut_with_an_ellipsis() {
    assert_eq!(fit("sensor-cocina", 20), "sensor-cocina");
    assert_eq!(fit("sensor-dormitorio", 8), "sensor-…");
    assert_eq!(fit("añadido", 3), "añ…");
}

#[test]
fn a_house_whose_topics_name_rooms_is_drawn_a_column_per_room() {
    let places = rooms(20);
    assert_eq!(places[0].room.as_deref(), Some("Hab0"));
    assert_eq!(places[3].room, None, "hab0-panel watches Casa/#: no room");
    // A phone's column is too narrow for five named columns: it keeps the rows.
    let l = Layout::of(&places, PHONE.0, PHONE.1);
    assert!(l.rooms.is_empty());
    for (w, h) in [DESKTOP, EMBED] {
        let l = Layout::of(&places, w, h);
        assert!(l.h as f64 <= h, "{w}×{h}: {}", l.h);
        let names: Vec<&str> = l.rooms.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Hab0", "Hab1", "Hab2", "Hab3"], "{w}×{h}");
        // Each room's devices share its column, publishers above the broker and the rest
        // below, and no other device is drawn in it but the house's own panel.
        for (i, (p, &(x, y))) in places.iter().zip(&l.nodes).enumerate() {
            let col = l.rooms.iter().position(|r| x >= r.x && x < r.x + r.w);
            match &p.room {
                Some(room) => assert_eq!(
                    col.map(|c| l.rooms[c].name.as_str()),
                    Some(room.as_str()),
                    "device {i}"
                ),
                None => assert_eq!(i, 3),
            }
            assert_eq!(y < l.broker.1, p.side == Side::Above, "device {i}");
        }
        assert_readable(&l, if l.level == Level::Dots { 0 } else { 1 });
        // Names over the columns, above every device, where words are written.
        match l.caption {
            Some(y) => assert!(
                l.nodes.iter().all(|&(_, ny)| ny - l.size / 2 > y),
                "{w}×{h}"
            ),
            None => assert_eq!(l.level, Level::Dots),
        }
    }
    // A hundred devices, twenty rooms: columns of dots, unnamed.
    let l = Layout::of(&rooms(100), DESKTOP.0, DESKTOP.1);
    assert_eq!((l.level, l.rooms.len(), l.caption), (Level::Dots, 20, None));
    assert_readable(&l, 0);
}

#[test]
fn a_queue_draws_a_token_per_message_and_past_eight_says_how_many_more() {
    for n in 0..=TOKENS {
        assert_eq!(tokens(n), (n, None));
    }
    for n in TOKENS + 1..40 {
        let (drawn, more) = tokens(n);
        assert_eq!(drawn + more.unwrap(), n, "never fewer than its name says");
        assert_eq!(drawn + 1, TOKENS, "the last place says the rest");
    }
}

#[test]
fn packets_sent_together_on_one_link_are_drawn_side_by_side() {
    let (from, to) = ((100.0, 50.0), (100.0, 250.0));
    // Alone: on the line, at its share of the way.
    assert_eq!(packet_at(from, to, 0.5, 0), (100.0, 150.0));
    // Beside it: across the link, one side then the other, never on each other.
    let placed: Vec<_> = (0..5).map(|k| packet_at(from, to, 0.5, k)).collect();
    for (i, a) in placed.iter().enumerate() {
        assert_eq!(a.1, 150.0, "as far along the link");
        for b in &placed[i + 1..] {
            assert!((a.0 - b.0).abs() >= SIDE_STEP, "{a:?} hides {b:?}");
        }
    }
    assert!(
        (placed[1].0 - 100.0) * (placed[2].0 - 100.0) < 0.0,
        "opposite sides"
    );
    // A slanted link: across it, as far from the line.
    let (x, y) = packet_at((0.0, 0.0), (30.0, 40.0), 0.5, 1);
    assert!(
        ((x - 15.0) * 30.0 + (y - 20.0) * 40.0).abs() < 1e-9,
        "square to the link"
    );
    assert!(((x - 15.0).hypot(y - 20.0) - SIDE_STEP).abs() < 1e-9);
    assert!(hides(0.5, 0.54) && !hides(0.5, 0.6));
}

#[test]
fn a_packet_stops_at_the_broker_s_box_not_on_its_name() {
    let c = (280.0, 200.0);
    // Straight above and below: the box's top and bottom edges.
    assert_eq!(broker_edge(c, (280.0, 80.0)), (280.0, 182.0));
    assert_eq!(broker_edge(c, (280.0, 300.0)), (280.0, 218.0));
    // Straight across: its sides.
    assert_eq!(broker_edge(c, (0.0, 200.0)), (230.0, 200.0));
    // A steep link leaves through the top, a flat one through a side, on the line.
    let (x, y) = broker_edge(c, (100.0, 20.0));
    assert_eq!((x, y), (262.0, 182.0));
    let (x, y) = broker_edge(c, (0.0, 172.0));
    assert_eq!((x, y), (230.0, 195.0));
    // A device inside the box (never drawn so) is reached, not passed.
    assert_eq!(broker_edge(c, (290.0, 205.0)), (290.0, 205.0));
}

#[test]
fn a_shelf_line_keeps_the_value_and_the_topics_last_levels() {
    // Whole when it fits.
    assert_eq!(shelf_line("Casa/Luz", "ON", 20), "Casa/Luz = ON");
    // Too long: the topic's last two levels (its room) and the value stay.
    assert_eq!(
        shelf_line("Casa/Cocina/Temperatura", "22.5", 27),
        "…/Cocina/Temperatura = 22.5"
    );
    assert_eq!(
        shelf_line("Casa/Cocina/Temperatura", "22.5", 24),
        "…/Cocina/Tempera… = 22.5"
    );
    // A long value takes half the line at most; the room stays beside it.
    let line = shelf_line(
        "Casa/Cocina/Temperatura",
        "una frase muy larga de verdad",
        30,
    );
    assert!(line.chars().count() <= 30, "{line}");
    assert!(
        line.starts_with("…/Cocina/") && line.contains(" = una frase"),
        "{line}"
    );
    // A short topic is kept whole when only the value had to be cut.
    assert_eq!(shelf_line("a/b", "0123456789", 12), "a/b = 01234…");
    // No room at all: cut like any line, never longer than asked.
    for chars in 1..30 {
        assert!(
            shelf_line("Casa/Cocina/Temperatura", "22.5", chars)
                .chars()
                .count()
                <= chars
        );
    }
}
