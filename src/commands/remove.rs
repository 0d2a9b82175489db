//! `mailuser remove USER... (--keep-mailbox | --transfer-to USER |
//! --delete-mailbox) [--purge-settings] [--missing-ok]`

use crate::cli::RemoveArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, MailboxChoice, Options, Removal};

use super::change::{self, Run};
use super::{Context, requests};

pub fn run(ctx: &Context, args: &RemoveArgs) -> Result<Exit> {
    let mailbox = match (&args.transfer_to, args.delete_mailbox) {
        (Some(to), _) => MailboxChoice::TransferTo(to.clone()),
        (None, true) => MailboxChoice::Delete,
        (None, false) => MailboxChoice::Keep,
    };
    let action = Action::Remove(Removal {
        mailbox,
        purge_settings: args.purge_settings,
    });
    let options = Options {
        missing_ok: args.missing_ok,
        ..Options::default()
    };
    let requests = requests(action, &args.targets.users)?;
    change::run(ctx, Run::all_or_nothing(requests, options))
}
