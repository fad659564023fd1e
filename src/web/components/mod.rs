//! The views. Each reads the simulation through [`crate::web::state::Ctx`] and holds no
//! protocol logic.

pub mod broker_panel;
pub mod builder;
pub mod capture;
pub mod class;
pub mod coach;
pub mod controls;
pub mod devices;
pub mod diagram;
pub mod forms;
pub mod glossary;
pub mod icons;
pub mod inspector;
pub mod journey;
pub mod lesson;
pub mod network;
pub mod picture;
pub mod real;
pub mod scroller;
pub mod scrubber;
pub mod sequence;
pub mod share;
pub mod steps;
pub mod timeline;
pub mod wildcard;
