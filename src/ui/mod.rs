//! Leptos components that render engine reports. No parsing logic lives here.

mod analysis;
mod app;
mod asks;
mod busy;
mod export;
mod findings;
mod har;
mod input;
mod maker;
mod offline;
mod pace;
mod parts;
mod probe;
mod report;
mod samples;
mod share;
mod verify;

pub use app::App;
