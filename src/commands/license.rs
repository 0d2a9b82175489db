//! `mailuser license`: seats used, free and in total.

use serde_json::json;

use crate::error::{Exit, Result};
use crate::output::OutputFormat;

use super::Context;

pub fn run(ctx: &Context) -> Result<Exit> {
    let seats = ctx
        .read_backend(crate::directory::Reading::OneThread)?
        .1
        .seats()?;
    if ctx.reporter.csv {
        let cell = |n: Option<u64>| n.map_or(String::new(), |n| n.to_string());
        ctx.reporter.csv_table(
            &["seats_total", "seats_used", "seats_free"],
            &[vec![
                cell(seats.total),
                seats.used.to_string(),
                cell(seats.free()),
            ]],
        );
        return Ok(Exit::Ok);
    }
    match ctx.reporter.format {
        OutputFormat::Json => ctx.reporter.json(&json!({
            "seats_total": seats.total,
            "seats_used": seats.used,
            "seats_free": seats.free(),
        })),
        OutputFormat::Text | OutputFormat::Csv => match (seats.total, seats.free()) {
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
