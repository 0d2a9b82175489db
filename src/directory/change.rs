//! Typed directory changes: what a step does to the directory, as data.
//! Accounts are named by address, never by position, and applying a change
//! that is already applied changes nothing, so recovery can replay them.

use serde::{Deserialize, Serialize};

use super::User;

/// One change to the user directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Change {
    /// Set `enabled` of an account.
    SetEnabled {
        account: String,
        from: bool,
        to: bool,
    },
    /// Set `locked` of an account.
    SetLocked {
        account: String,
        from: bool,
        to: bool,
    },
    /// A new account, its whole record.
    AddAccount { record: User },
    /// An account removed, its whole record as it was.
    RemoveAccount { record: User },
    /// An address taken out of an alias's `deliver_to`, at `position`.
    RemoveAliasTarget {
        alias: String,
        address: String,
        position: usize,
    },
    /// An alias entry dropped because its last address was taken out.
    DropAlias { alias: String },
    /// An address taken out of another account's `forward_to`.
    RemoveForward {
        account: String,
        address: String,
        position: usize,
    },
}
