//! Typed directory changes: what a step does to the directory, as data.
//! Accounts are named by address, never by position, and applying a change
//! that is already applied changes nothing, so recovery can replay them.

use std::sync::Arc;

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
    /// A new (or restored) account, its whole record; a restored record
    /// carries its text as the file held it and its old position, so it
    /// comes back byte for byte where it stood.
    AddAccount {
        record: Arc<User>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        index: Option<usize>,
    },
    /// An account removed, its whole record as it was.
    RemoveAccount { record: Arc<User> },
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
    /// An address put back into an alias's `deliver_to`, at `position`.
    AddAliasTarget {
        alias: String,
        address: String,
        position: usize,
    },
    /// An alias entry re-created with its addresses.
    AddAlias {
        alias: String,
        deliver_to: Vec<String>,
    },
    /// An address put back into an account's `forward_to`, at `position`.
    AddForward {
        account: String,
        address: String,
        position: usize,
    },
}

impl Change {
    /// The change that undoes this one, where there is one: what `restore`
    /// applies for the references a purge took away.
    pub fn inverse(&self) -> Option<Change> {
        Some(match self.clone() {
            Change::RemoveAliasTarget {
                alias,
                address,
                position,
            } => Change::AddAliasTarget {
                alias,
                address,
                position,
            },
            Change::RemoveForward {
                account,
                address,
                position,
            } => Change::AddForward {
                account,
                address,
                position,
            },
            Change::SetEnabled { account, from, to } => Change::SetEnabled {
                account,
                from: to,
                to: from,
            },
            Change::SetLocked { account, from, to } => Change::SetLocked {
                account,
                from: to,
                to: from,
            },
            Change::RemoveAccount { record } => Change::AddAccount {
                record,
                text: None,
                index: None,
            },
            _ => return None,
        })
    }
}
