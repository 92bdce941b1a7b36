//! Leptos components that render engine reports. No parsing logic lives here.

mod app;
mod asks;
mod findings;
mod input;
mod maker;
mod pace;
mod parts;
mod probe;
mod report;
mod samples;
mod verify;

pub use app::App;
