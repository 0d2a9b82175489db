//! `mailuser license`: seats used, free and in total.

use serde_json::json;

use crate::error::{Exit, Result};
use crate::output::OutputFormat;

use super::Context;

pub fn run(ctx: &Context) -> Result<Exit> {
    let seats = ctx.read_backend()?.1.seats()?;
    match ctx.reporter.format {
        OutputFormat::Json => ctx.reporter.json(&json!({
            "seats_total": seats.total,
            "seats_used": seats.used,
            "seats_free": seats.free(),
        })),
        OutputFormat::Text => match (seats.total, seats.free()) {
            (Some(total), Some(free)) => ctx.reporter.line(&format!(
                "seats: {total} total, {} used, {free} free",
                seats.used
            )),
            _ => ctx
                .reporter
                .line(&format!("seats: unlimited, {} used", seats.used)),
        },
    }
    Ok(Exit::Ok)
}
