//! Leptos components that render engine reports. No parsing logic lives here.

mod app;
mod asks;
mod findings;
mod input;
mod parts;
mod samples;

pub use app::App;
