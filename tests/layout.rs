//! Where the stage draws each device (`page::layout`): publishers above the broker,
//! subscribers below, inside the stage, names never on top of each other, at the sizes the
//! page gives it (1366×768, the 900×650 embed, a 390 px phone) and for 6, 20 and 100 devices.

use mqtt_playground::core::sim::lessons::free_play;
use mqtt_playground::page::layout::{fit, Layout, Level, Side};

/// The stage's width and greatest height at 1366×768, in the 900×650 embed, on a phone.
const DESKTOP: (f64, f64) = (556.0, 400.0);
const EMBED: (f64, f64) = (535.0, 230.0);
const PHONE: (f64, f64) = (348.0, 1000.0);

fn house(n: usize) -> Vec<Side> {
    (0..n)
        .map(|i| if i % 2 == 0 { Side::Above } else { Side::Below })
        .collect()
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
    let sides: Vec<Side> = scenario.devices.iter().map(|d| Side::of(&d.kind)).collect();
    let l = Layout::of(&sides, DESKTOP.0, DESKTOP.1);
    assert_eq!(l.level, Level::Full);
    assert!(l.h as f64 <= DESKTOP.1);
    for (d, &(_, y)) in scenario.devices.iter().zip(&l.nodes) {
        let above = matches!(Side::of(&d.kind), Side::Above);
        assert_eq!(y < l.broker.1, above, "{}", d.name);
    }
    assert!(sides.contains(&Side::Above) && sides.contains(&Side::Below));
    assert_readable(&l, 3);
    // Names and tags fit their line: the longest in the house, whole.
    assert!(l.chars.0 >= "sensor-dormitorio".len(), "{:?}", l.chars);
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
fn a_house_on_one_side_is_shared_and_an_empty_one_is_drawn() {
    let l = Layout::of(&[Side::Below, Side::Below], DESKTOP.0, DESKTOP.1);
    assert!(l.nodes[0].1 < l.broker.1 && l.nodes[1].1 > l.broker.1);
    let l = Layout::of(&[], 0.0, 0.0);
    assert!(l.nodes.is_empty() && l.w > 0 && l.h > 0);
}

#[test]
fn words_too_long_for_their_line_are_cut_with_an_ellipsis() {
    assert_eq!(fit("sensor-cocina", 20), "sensor-cocina");
    assert_eq!(fit("sensor-dormitorio", 8), "sensor-…");
    assert_eq!(fit("añadido", 3), "añ…");
}
